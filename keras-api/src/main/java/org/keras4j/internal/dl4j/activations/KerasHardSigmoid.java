package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code hard_sigmoid}, {@code clip(slope x + 0.5, 0, 1)}: Keras 3's has slope 1/6 ({@code relu6(x + 3) /
 * 6}); Keras 1.x and 2.x's had 0.2 ({@link #legacy()}, for models loaded from their files). The derivative is the
 * slope inside the clipped range, 0 outside. DL4J's {@code ActivationHardSigmoid} is Keras 2's, in float precision.
 *
 * <pre>{@code
 * IActivation hardSigmoid = new KerasHardSigmoid();            // Keras 3
 * IActivation keras2 = KerasHardSigmoid.legacy();             // Keras 1 / 2
 * }</pre>
 */
public class KerasHardSigmoid extends ElementwiseActivation {
    private static final double KERAS3_SLOPE = 1.0 / 6.0;
    private double slope;

    public KerasHardSigmoid() {
        this(KERAS3_SLOPE);
    }

    public KerasHardSigmoid(double slope) {
        this.slope = slope;
    }

    /** Keras 1.x and 2.x's {@code hard_sigmoid}: {@code clip(0.2 x + 0.5, 0, 1)}. */
    public static KerasHardSigmoid legacy() {
        return new KerasHardSigmoid(0.2);
    }

    public double getSlope() {
        return slope;
    }

    @Override
    protected INDArray forward(INDArray x) {
        return hardSigmoid(x, slope);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return slope(x, slope);
    }

    static INDArray hardSigmoid(INDArray x) {
        return hardSigmoid(x, KERAS3_SLOPE);
    }

    static INDArray slope(INDArray x) {
        return slope(x, KERAS3_SLOPE);
    }

    private static INDArray hardSigmoid(INDArray x, double slope) {
        INDArray y = x.mul(slope).addi(0.5);
        Transforms.max(y, 0.0, false);
        return Transforms.min(y, 1.0, false);
    }

    /** {@code slope} on (-0.5 / slope, 0.5 / slope), 0 elsewhere. */
    private static INDArray slope(INDArray x, double slope) {
        double edge = 0.5 / slope;
        return ArrayMath.mask(x.gt(-edge), x).muli(ArrayMath.mask(x.lt(edge), x)).muli(slope);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasHardSigmoid other && slope == other.slope;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(slope);
    }

    @Override
    public String toString() {
        return slope == KERAS3_SLOPE ? "hard_sigmoid" : "hard_sigmoid(slope=" + slope + ")";
    }
}
