package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mish}: {@code x * tanh(softplus(x))}; derivative
 * {@code t + x (1 - t^2) sigmoid(x)} with {@code t = tanh(softplus(x))}. DL4J's
 * {@code ActivationMish} returns a NaN gradient for large float32 inputs.
 *
 * <pre>{@code
 * IActivation mish = new KerasMish();
 * }</pre>
 */
public class KerasMish extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return Transforms.tanh(ArrayMath.softplus(x), false).muli(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        INDArray t = Transforms.tanh(ArrayMath.softplus(x), false);
        INDArray tail = t.mul(t).rsubi(1.0).muli(x).muli(ArrayMath.sigmoid(x));
        return t.addi(tail);
    }

    @Override
    public String toString() {
        return "mish";
    }
}
