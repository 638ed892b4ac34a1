package org.keras4j.internal.dl4j.updaters;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Adamax: {@code m = b1*m + (1-b1)*g; u = max(b2*u, |g|);
 * w -= lr / (1-b1^t) * m / (u + eps)}. DL4J's AdaMax ignores eps.
 *
 * <pre>{@code
 * IUpdater updater = new KerasAdamax(1e-3, 0.9, 0.999, 1e-7);
 * }</pre>
 */
public final class KerasAdamax extends KerasMomentUpdater {
    /** For JSON deserialization. */
    public KerasAdamax() {
    }

    public KerasAdamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public List<String> stateKeys() {
        return List.of("momentum", "norm");
    }

    @Override
    protected KerasGradientUpdater<?> newUpdater() {
        return new KerasGradientUpdater<KerasAdamax>(this) {
            @Override
            protected void update(INDArray g, INDArray[] state, double lr, int step) {
                INDArray m = state[0];
                INDArray u = state[1];
                m.addi(g.sub(m).muli(1 - beta1));
                Transforms.max(u.muli(beta2), Transforms.abs(g, true), false);
                g.assign(m).muli(lr / (1 - Math.pow(beta1, step))).divi(u.add(epsilon));
            }
        };
    }

    @Override
    public KerasAdamax clone() {
        return withLearningRateOf(new KerasAdamax(learningRate, beta1, beta2, epsilon));
    }
}
