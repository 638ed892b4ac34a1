package org.keras4j.internal.dl4j.updaters;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Adadelta, which scales the step by a learning rate (DL4J's AdaDelta has none):
 * {@code Eg = rho*Eg + (1-rho)*g^2; d = sqrt(Edx + eps) / sqrt(Eg + eps) * g;
 * Edx = rho*Edx + (1-rho)*d^2; w -= lr*d}.
 *
 * <pre>{@code
 * IUpdater updater = new KerasAdadelta(1.0, 0.95, 1e-7);
 * }</pre>
 */
public final class KerasAdadelta extends KerasEpsilonUpdater {
    private double rho;

    /** For JSON deserialization. */
    public KerasAdadelta() {
    }

    public KerasAdadelta(double learningRate, double rho, double epsilon) {
        super(learningRate, epsilon);
        this.rho = rho;
    }

    public double getRho() {
        return rho;
    }

    public void setRho(double rho) {
        this.rho = rho;
    }

    @Override
    public List<String> stateKeys() {
        return List.of("accumulated_grad", "accumulated_delta_var");
    }

    @Override
    protected double[] hyperParameters() {
        return new double[] {rho, epsilon};
    }

    @Override
    protected KerasGradientUpdater<?> newUpdater() {
        return new KerasGradientUpdater<KerasAdadelta>(this) {
            @Override
            protected void update(INDArray g, INDArray[] state, double lr, int step) {
                INDArray accGrad = state[0];
                INDArray accDelta = state[1];
                accGrad.muli(rho).addi(g.mul(g).muli(1 - rho));
                INDArray delta = Transforms.sqrt(accDelta.add(epsilon), false).muli(g)
                        .divi(Transforms.sqrt(accGrad.add(epsilon), false));
                accDelta.muli(rho).addi(delta.mul(delta).muli(1 - rho));
                g.assign(delta).muli(lr);
            }
        };
    }

    @Override
    public KerasAdadelta clone() {
        return withLearningRateOf(new KerasAdadelta(learningRate, rho, epsilon));
    }
}
