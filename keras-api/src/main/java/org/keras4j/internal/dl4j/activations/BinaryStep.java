package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's step function: {@code x > 0 ? 1 : 0}, with gradient 0 everywhere (so only layers
 * before it that are not trained by backpropagation make sense, as in the perceptron exercise).
 *
 * <pre>{@code
 * IActivation step = new BinaryStep();
 * }</pre>
 */
public class BinaryStep extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return ArrayMath.mask(x.gt(0.0), x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return x.ulike().assign(0.0);
    }

    @Override
    public String toString() {
        return "binary_step";
    }
}
