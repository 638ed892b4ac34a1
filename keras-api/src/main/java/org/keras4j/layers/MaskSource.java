package org.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that starts a Keras mask: {@code Embedding(maskZero = true)} and {@code Masking}. The
 * mask marks each time step of a sample as kept (1) or masked (0); layers that support masking
 * pass it on, recurrent layers skip masked steps, and the loss and metrics of a sequence output
 * ignore them. keras4j computes it from the model's input, so a mask source must read a model
 * input directly.
 *
 * <pre>{@code
 * INDArray mask = new Embedding(1000, 64).withMaskZero(true).computeMask(indices);   // [batch, timesteps]
 * }</pre>
 */
public interface MaskSource {
    /** Whether this layer's output carries a mask (an {@code Embedding} only with {@code maskZero}). */
    boolean producesMask();

    /**
     * The mask for a batch of this layer's input: {@code [batch, timesteps]}, 1 for a kept step and
     * 0 for a masked one, as float.
     *
     * @throws IllegalArgumentException if the array does not have the layer's input shape
     */
    INDArray computeMask(INDArray input);
}
