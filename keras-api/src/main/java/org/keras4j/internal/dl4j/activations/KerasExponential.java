package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code exponential}: {@code exp(x)}, its own derivative. DL4J has no equivalent.
 *
 * <pre>{@code
 * IActivation exponential = new KerasExponential();
 * }</pre>
 */
public class KerasExponential extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return ArrayMath.exp(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return ArrayMath.exp(x);
    }

    @Override
    public String toString() {
        return "exponential";
    }
}
