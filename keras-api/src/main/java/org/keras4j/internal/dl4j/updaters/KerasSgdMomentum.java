package org.keras4j.internal.dl4j.updaters;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's SGD with plain (non-Nesterov) momentum, which DL4J lacks:
 * {@code m = momentum*m - lr*g; w += m}. (Nesterov momentum maps to DL4J's {@code Nesterovs},
 * whose rule equals Keras's.)
 *
 * <pre>{@code
 * IUpdater updater = new KerasSgdMomentum(0.01, 0.9);
 * }</pre>
 */
public final class KerasSgdMomentum extends KerasUpdater {
    private double momentum;

    /** For JSON deserialization. */
    public KerasSgdMomentum() {
    }

    public KerasSgdMomentum(double learningRate, double momentum) {
        super(learningRate);
        this.momentum = momentum;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public List<String> stateKeys() {
        return List.of("momentum");
    }

    @Override
    protected double[] hyperParameters() {
        return new double[] {momentum};
    }

    @Override
    protected KerasGradientUpdater<?> newUpdater() {
        return new KerasGradientUpdater<KerasSgdMomentum>(this) {
            @Override
            protected void update(INDArray g, INDArray[] state, double lr, int step) {
                INDArray m = state[0];
                m.muli(momentum).subi(g.mul(lr));
                g.assign(m).negi();
            }
        };
    }

    @Override
    public KerasSgdMomentum clone() {
        return withLearningRateOf(new KerasSgdMomentum(learningRate, momentum));
    }
}
