package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Expm1;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code elu(x, alpha)}: {@code x > 0 ? x : alpha * (exp(x) - 1)}, derivative
 * {@code x > 0 ? 1 : alpha * exp(x)}. DL4J's {@code ActivationELU} ignores alpha in its gradient.
 *
 * <pre>{@code
 * IActivation elu = new KerasElu(0.5);
 * }</pre>
 */
public class KerasElu extends ElementwiseActivation {
    private double alpha;

    public KerasElu() {
        this(1.0);
    }

    public KerasElu(double alpha) {
        this.alpha = alpha;
    }

    public double getAlpha() {
        return alpha;
    }

    @Override
    protected INDArray forward(INDArray x) {
        INDArray positive = ArrayMath.mask(x.gt(0.0), x);
        // exp only of min(x, 0): exp of a large positive x would overflow and poison the blend with NaN
        INDArray negative = Nd4j.exec(new Expm1(Transforms.min(x, 0.0, true))).muli(alpha);
        return x.mul(positive).addi(negative.muli(positive.rsub(1.0)));
    }

    @Override
    protected INDArray derivative(INDArray x) {
        INDArray positive = ArrayMath.mask(x.gt(0.0), x);
        INDArray negative = ArrayMath.exp(Transforms.min(x, 0.0, true)).muli(alpha);
        return positive.add(negative.muli(positive.rsub(1.0)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasElu other && alpha == other.alpha;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "elu(alpha=" + alpha + ")";
    }
}
