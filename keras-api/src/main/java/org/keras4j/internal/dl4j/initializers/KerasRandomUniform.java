package org.keras4j.internal.dl4j.initializers;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code RandomUniform}: U[minval, maxval).
 *
 * <pre>{@code
 * IWeightInit init = new KerasRandomUniform(-0.05, 0.05);
 * }</pre>
 */
public final class KerasRandomUniform implements IWeightInit {
    private double minval;
    private double maxval;

    /** For JSON deserialization. */
    public KerasRandomUniform() {
    }

    public KerasRandomUniform(double minval, double maxval) {
        this.minval = minval;
        this.maxval = maxval;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Sampling.uniform(paramView, minval, maxval);
        return paramView.reshape(order, shape);
    }

    public double getMinval() {
        return minval;
    }

    public double getMaxval() {
        return maxval;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasRandomUniform other && Double.compare(minval, other.minval) == 0
                && Double.compare(maxval, other.maxval) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minval, maxval);
    }

    @Override
    public String toString() {
        return "KerasRandomUniform(" + minval + ", " + maxval + ")";
    }
}
