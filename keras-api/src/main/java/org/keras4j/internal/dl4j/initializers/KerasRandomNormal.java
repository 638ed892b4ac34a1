package org.keras4j.internal.dl4j.initializers;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code RandomNormal} N(mean, stddev), or with {@code truncated} its
 * {@code TruncatedNormal}: the same, with values beyond two stddev from the mean redrawn.
 *
 * <pre>{@code
 * IWeightInit init = new KerasRandomNormal(0.0, 0.05, true);
 * }</pre>
 */
public final class KerasRandomNormal implements IWeightInit {
    private double mean;
    private double stddev;
    private boolean truncated;

    /** For JSON deserialization. */
    public KerasRandomNormal() {
    }

    public KerasRandomNormal(double mean, double stddev, boolean truncated) {
        this.mean = mean;
        this.stddev = stddev;
        this.truncated = truncated;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (truncated) {
            Sampling.truncatedNormal(paramView, mean, stddev);
        } else {
            Sampling.normal(paramView, mean, stddev);
        }
        return paramView.reshape(order, shape);
    }

    public double getMean() {
        return mean;
    }

    public double getStddev() {
        return stddev;
    }

    public boolean isTruncated() {
        return truncated;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasRandomNormal other && Double.compare(mean, other.mean) == 0
                && Double.compare(stddev, other.stddev) == 0 && truncated == other.truncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mean, stddev, truncated);
    }

    @Override
    public String toString() {
        return "KerasRandomNormal(" + mean + ", " + stddev + (truncated ? ", truncated)" : ")");
    }
}
