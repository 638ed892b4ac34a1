package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code silu} / {@code swish}: {@code x * sigmoid(x)}, derivative
 * {@code s (1 + x (1 - s))} with {@code s = sigmoid(x)}. DL4J's {@code ActivationSwish}
 * returns a NaN gradient for large float32 inputs (x = 100).
 *
 * <pre>{@code
 * IActivation silu = new KerasSilu();
 * }</pre>
 */
public class KerasSilu extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return ArrayMath.sigmoid(x).muli(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        INDArray s = ArrayMath.sigmoid(x);
        return s.rsub(1.0).muli(x).addi(1.0).muli(s);
    }

    @Override
    public String toString() {
        return "silu";
    }
}
