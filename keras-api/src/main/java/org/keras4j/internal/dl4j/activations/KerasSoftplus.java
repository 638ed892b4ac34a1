package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code softplus}: {@code log(exp(x) + 1)}, computed as
 * {@code max(x, 0) + log1p(exp(-|x|))}; derivative {@code sigmoid(x)}. DL4J's
 * {@code ActivationSoftPlus} overflows to infinity in float32 for x around 90 and above.
 *
 * <pre>{@code
 * IActivation softplus = new KerasSoftplus();
 * }</pre>
 */
public class KerasSoftplus extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return ArrayMath.softplus(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return ArrayMath.sigmoid(x);
    }

    @Override
    public String toString() {
        return "softplus";
    }
}
