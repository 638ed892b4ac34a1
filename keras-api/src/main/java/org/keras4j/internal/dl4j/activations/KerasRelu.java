package org.keras4j.internal.dl4j.activations;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code relu(x, negative_slope, max_value, threshold)}:
 * {@code clip(x > threshold ? x : 0, 0, max_value) - negative_slope * max(threshold - x, 0)}.
 * DL4J's {@code ActivationReLU} keeps {@code x} at the threshold and skips the clip to 0, so it
 * differs from Keras for a non-zero threshold.
 *
 * <pre>{@code
 * IActivation relu = new KerasRelu(0.1, 6.0, 0.5);
 * }</pre>
 */
public class KerasRelu extends ElementwiseActivation {
    private double negativeSlope;
    private Double maxValue;
    private double threshold;

    /** Plain {@code max(x, 0)}. */
    public KerasRelu() {
        this(0.0, null, 0.0);
    }

    /** @param maxValue the cap, or null for none */
    public KerasRelu(double negativeSlope, Double maxValue, double threshold) {
        this.negativeSlope = negativeSlope;
        this.maxValue = maxValue;
        this.threshold = threshold;
    }

    public double getNegativeSlope() {
        return negativeSlope;
    }

    public Double getMaxValue() {
        return maxValue;
    }

    public double getThreshold() {
        return threshold;
    }

    @Override
    protected INDArray forward(INDArray x) {
        INDArray y = x.mul(ArrayMath.mask(x.gt(threshold), x));
        if (maxValue != null) {
            Transforms.max(y, 0.0, false);
            Transforms.min(y, maxValue, false);
        }
        if (negativeSlope != 0.0) {
            y.subi(Transforms.relu(x.rsub(threshold), false).muli(negativeSlope));
        }
        return y;
    }

    @Override
    protected INDArray derivative(INDArray x) {
        INDArray d = ArrayMath.mask(x.gt(threshold), x);
        if (maxValue != null) {
            // the clip to [0, max_value] stops the gradient outside the open interval
            d.muli(ArrayMath.mask(x.gt(0.0), x)).muli(ArrayMath.mask(x.lt(maxValue), x));
        }
        if (negativeSlope != 0.0) {
            d.addi(ArrayMath.mask(x.lt(threshold), x).muli(negativeSlope));
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasRelu other && negativeSlope == other.negativeSlope
                && Objects.equals(maxValue, other.maxValue) && threshold == other.threshold;
    }

    @Override
    public int hashCode() {
        return Objects.hash(negativeSlope, maxValue, threshold);
    }

    @Override
    public String toString() {
        return "relu(negative_slope=" + negativeSlope + ", max_value=" + maxValue + ", threshold=" + threshold + ")";
    }
}
