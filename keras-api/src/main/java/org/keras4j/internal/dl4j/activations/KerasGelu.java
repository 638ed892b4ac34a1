package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erfc;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code gelu(x, approximate)}. Exact (Keras's default): {@code x * Phi(x)} with
 * {@code Phi(x) = 0.5 (1 + erf(x / sqrt 2))}, computed as {@code 0.5 erfc(-x / sqrt 2)} to keep
 * precision for negative x; derivative {@code Phi(x) + x * phi(x)}. Approximate:
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. DL4J's {@code ActivationGELU} uses
 * {@code x * sigmoid(1.702 x)} instead.
 *
 * <pre>{@code
 * IActivation gelu = new KerasGelu(false);
 * }</pre>
 */
public class KerasGelu extends ElementwiseActivation {
    private static final double SQRT_2 = Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double COEFF = 0.044715;

    private boolean approximate;

    public KerasGelu() {
        this(false);
    }

    public KerasGelu(boolean approximate) {
        this.approximate = approximate;
    }

    public boolean isApproximate() {
        return approximate;
    }

    @Override
    protected INDArray forward(INDArray x) {
        return approximate ? x.mul(halfOnePlusTanh(x)) : x.mul(cdf(x));
    }

    @Override
    protected INDArray derivative(INDArray x) {
        if (approximate) {
            INDArray t = Transforms.tanh(inner(x), false);
            INDArray innerDerivative = x.mul(x).muli(3.0 * COEFF).addi(1.0).muli(SQRT_2_OVER_PI);
            INDArray oneMinusT2 = t.mul(t).rsubi(1.0);
            return t.addi(1.0).muli(0.5).addi(x.mul(oneMinusT2).muli(innerDerivative).muli(0.5));
        }
        INDArray pdf = ArrayMath.exp(x.mul(x).muli(-0.5)).muli(INV_SQRT_2PI);
        return cdf(x).addi(pdf.muli(x));
    }

    /** Phi(x) = 0.5 erfc(-x / sqrt 2). */
    private static INDArray cdf(INDArray x) {
        return Nd4j.exec(new Erfc(x.div(-SQRT_2))).muli(0.5);
    }

    /** sqrt(2/pi) (x + 0.044715 x^3). */
    private static INDArray inner(INDArray x) {
        return x.mul(x).muli(x).muli(COEFF).addi(x).muli(SQRT_2_OVER_PI);
    }

    private static INDArray halfOnePlusTanh(INDArray x) {
        return Transforms.tanh(inner(x), false).addi(1.0).muli(0.5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasGelu other && approximate == other.approximate;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(approximate);
    }

    @Override
    public String toString() {
        return "gelu(approximate=" + approximate + ")";
    }
}
