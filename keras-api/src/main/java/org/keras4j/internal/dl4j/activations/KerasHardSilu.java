package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code hard_silu} / {@code hard_swish}: {@code x * relu6(x + 3) / 6}; derivative
 * {@code (2x + 3) / 6} on (-3, 3), 1 above, 0 below. DL4J has no equivalent.
 *
 * <pre>{@code
 * IActivation hardSilu = new KerasHardSilu();
 * }</pre>
 */
public class KerasHardSilu extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return KerasHardSigmoid.hardSigmoid(x).muli(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return KerasHardSigmoid.hardSigmoid(x).addi(KerasHardSigmoid.slope(x).muli(x));
    }

    @Override
    public String toString() {
        return "hard_silu";
    }
}
