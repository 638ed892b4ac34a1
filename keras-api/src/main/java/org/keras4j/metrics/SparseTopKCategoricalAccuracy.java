package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fraction of samples whose class-index label ({@code [n]} or {@code [n, 1]}) is among the
 * {@code k} highest predictions ({@code k} defaults to 5), ties counting as in.
 * Identifier: sparse_top_k_categorical_accuracy.
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy");
 * }</pre>
 */
public final class SparseTopKCategoricalAccuracy extends TopKMetric {
    public SparseTopKCategoricalAccuracy() {
        this("sparse_top_k_categorical_accuracy", 5);
    }

    /** @throws IllegalArgumentException if {@code k < 1} */
    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name, k);
    }

    @Override
    long[] trueClasses(INDArray yTrue, INDArray pred) {
        return classIndices(yTrue, pred);
    }

    @Override
    public String identifier() {
        return "sparse_top_k_categorical_accuracy";
    }

    @Override
    public Metric copy() {
        return new SparseTopKCategoricalAccuracy(name(), k());
    }
}
