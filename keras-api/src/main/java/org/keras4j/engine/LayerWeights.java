package org.keras4j.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A compiled layer's weights in Keras's shapes and order, bound to the layer by its model
 * ({@code Layer.getWeights()} / {@code setWeights(...)} go through it).
 *
 * <pre>{@code
 * LayerWeights w = ...;                       // from the model's compiled network
 * List<INDArray> kernelAndBias = w.get();     // Dense: kernel [in, out], bias [out]
 * w.set(kernelAndBias);
 * }</pre>
 */
public interface LayerWeights {

    /** Copies of the layer's weights, in Keras's order and shapes. */
    List<INDArray> get();

    /**
     * Replaces the layer's weights.
     *
     * @throws IllegalArgumentException if the number of arrays or a shape differs from Keras's
     */
    void set(List<INDArray> weights);

    /** The weights of a layer that has none: an empty list, and only an empty list is accepted. */
    static LayerWeights none(String layer) {
        return new LayerWeights() {
            @Override
            public List<INDArray> get() {
                return List.of();
            }

            @Override
            public void set(List<INDArray> weights) {
                if (weights == null || !weights.isEmpty()) {
                    throw new IllegalArgumentException(layer + " has no weights: setWeights expects an empty list, got "
                            + (weights == null ? "null" : weights.size() + " arrays"));
                }
            }
        };
    }
}
