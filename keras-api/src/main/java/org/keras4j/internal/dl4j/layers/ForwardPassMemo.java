package org.keras4j.internal.dl4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a layer's training forward pass leaves for the backward pass of the same input, taken
 * once. DL4J calls {@code activate} and then {@code backpropGradient} on the same input array
 * object; any other forward pass in between replaces or clears the memo.
 *
 * <pre>{@code
 * memo.keep(input, preActivation);              // in activate(training = true)
 * INDArray z = memo.take(input);                // in the backward pass: null if not the same input
 * }</pre>
 */
final class ForwardPassMemo<T> {
    private T value;
    private INDArray input;

    /** Keeps {@code value} for the backward pass of {@code input}. */
    void keep(INDArray input, T value) {
        this.input = input;
        this.value = value;
    }

    /** The value kept for {@code input} (the same object), or null; the memo is empty afterwards. */
    T take(INDArray input) {
        T kept = input != null && input == this.input ? value : null;
        clear();
        return kept;
    }

    void clear() {
        input = null;
        value = null;
    }
}
