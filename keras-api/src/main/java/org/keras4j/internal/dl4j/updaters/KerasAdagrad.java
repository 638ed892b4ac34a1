package org.keras4j.internal.dl4j.updaters;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Adagrad: {@code acc += g^2; w -= lr*g / sqrt(acc + eps)}, {@code acc} starting at
 * {@code initialAccumulatorValue}. DL4J's AdaGrad starts the accumulator at eps and adds eps
 * outside the square root.
 *
 * <pre>{@code
 * IUpdater updater = new KerasAdagrad(1e-3, 0.1, 1e-7);
 * }</pre>
 */
public final class KerasAdagrad extends KerasEpsilonUpdater {
    private double initialAccumulatorValue;

    /** For JSON deserialization. */
    public KerasAdagrad() {
    }

    public KerasAdagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate, epsilon);
        this.initialAccumulatorValue = initialAccumulatorValue;
    }

    public double getInitialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    public void setInitialAccumulatorValue(double initialAccumulatorValue) {
        this.initialAccumulatorValue = initialAccumulatorValue;
    }

    @Override
    public List<String> stateKeys() {
        return List.of("accumulator");
    }

    @Override
    public double initialStateValue(int slot) {
        return initialAccumulatorValue;
    }

    @Override
    protected double[] hyperParameters() {
        return new double[] {initialAccumulatorValue, epsilon};
    }

    @Override
    protected KerasGradientUpdater<?> newUpdater() {
        return new KerasGradientUpdater<KerasAdagrad>(this) {
            @Override
            protected void update(INDArray g, INDArray[] state, double lr, int step) {
                INDArray acc = state[0];
                acc.addi(g.mul(g));
                g.muli(lr).divi(Transforms.sqrt(acc.add(epsilon), false));
            }
        };
    }

    @Override
    public KerasAdagrad clone() {
        return withLearningRateOf(new KerasAdagrad(learningRate, initialAccumulatorValue, epsilon));
    }
}
