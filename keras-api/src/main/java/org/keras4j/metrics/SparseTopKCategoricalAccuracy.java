package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
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
public final class SparseTopKCategoricalAccuracy extends MeanMetric {
    private final int k;

    public SparseTopKCategoricalAccuracy() {
        this("sparse_top_k_categorical_accuracy", 5);
    }

    /** @throws IllegalArgumentException if {@code k < 1} */
    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = TopKCategoricalAccuracy.checkK(k);
    }

    public int k() {
        return k;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return TopKCategoricalAccuracy.inTopK(classIndices(yTrue, pred), pred, k);
    }

    @Override
    public String identifier() {
        return "sparse_top_k_categorical_accuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("k", k);
        return cfg;
    }

    @Override
    public Metric copy() {
        return new SparseTopKCategoricalAccuracy(name(), k);
    }
}
