package org.keras4j.internal.dl4j.updaters;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Nadam with its momentum-cache schedule {@code u_t = b1 * (1 - 0.5 * 0.96^t)}:
 * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
 * m_hat = u_{t+1}*m / (1 - u_1*..*u_{t+1}) + (1-u_t)*g / (1 - u_1*..*u_t);
 * w -= lr * m_hat / (sqrt(v / (1-b2^t)) + eps)}. DL4J's Nadam has no schedule.
 *
 * <p>Keras keeps the product {@code u_1*..*u_t} as an optimizer variable; it depends only on
 * the step, so it is recomputed from DL4J's iteration count (and cached between steps).
 *
 * <pre>{@code
 * IUpdater updater = new KerasNadam(1e-3, 0.9, 0.999, 1e-7);
 * }</pre>
 */
public final class KerasNadam extends KerasMomentUpdater {
    /** For JSON deserialization. */
    public KerasNadam() {
    }

    public KerasNadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public List<String> stateKeys() {
        return List.of("momentum", "velocity");
    }

    /** Keras's momentum cache {@code u_t}. */
    double momentumCache(int step) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, step));
    }

    @Override
    protected KerasGradientUpdater<?> newUpdater() {
        return new KerasGradientUpdater<KerasNadam>(this) {
            private int productStep;
            private double product = 1.0;

            /** {@code u_1 * .. * u_step}. */
            private double momentumCacheProduct(int step) {
                if (step != productStep) {
                    if (step == productStep + 1) {
                        product *= momentumCache(step);
                    } else {
                        product = 1.0;
                        for (int i = 1; i <= step; i++) {
                            product *= momentumCache(i);
                        }
                    }
                    productStep = step;
                }
                return product;
            }

            @Override
            protected void update(INDArray g, INDArray[] state, double lr, int step) {
                INDArray m = state[0];
                INDArray v = state[1];
                double uT = momentumCache(step);
                double uNext = momentumCache(step + 1);
                double productT = momentumCacheProduct(step);
                double productNext = productT * uNext;
                m.addi(g.sub(m).muli(1 - beta1));
                v.addi(g.mul(g).subi(v).muli(1 - beta2));
                INDArray mHat = m.mul(uNext / (1 - productNext)).addi(g.mul((1 - uT) / (1 - productT)));
                INDArray denominator = Transforms.sqrt(v.div(1 - Math.pow(beta2, step)), false).addi(epsilon);
                g.assign(mHat.muli(lr).divi(denominator));
            }
        };
    }

    @Override
    public KerasNadam clone() {
        return withLearningRateOf(new KerasNadam(learningRate, beta1, beta2, epsilon));
    }
}
