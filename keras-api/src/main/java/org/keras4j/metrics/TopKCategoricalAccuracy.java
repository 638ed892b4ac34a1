package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fraction of samples whose one-hot label's class is among the {@code k} highest predictions
 * ({@code k} defaults to 5). As Keras's {@code in_top_k}, classes tied with the k-th highest
 * score count as in the top k. Identifier: top_k_categorical_accuracy.
 *
 * <pre>{@code
 * model.compile("adam", "categorical_crossentropy", "top_k_categorical_accuracy");
 * Metric top3 = new TopKCategoricalAccuracy("top_3", 3);
 * }</pre>
 */
public final class TopKCategoricalAccuracy extends TopKMetric {
    public TopKCategoricalAccuracy() {
        this("top_k_categorical_accuracy", 5);
    }

    /** @throws IllegalArgumentException if {@code k < 1} */
    public TopKCategoricalAccuracy(String name, int k) {
        super(name, k);
    }

    @Override
    long[] trueClasses(INDArray yTrue, INDArray pred) {
        return labelsLike(yTrue, pred).argMax(1).toLongVector();
    }

    @Override
    public String identifier() {
        return "top_k_categorical_accuracy";
    }

    @Override
    public Metric copy() {
        return new TopKCategoricalAccuracy(name(), k());
    }
}
