package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
public final class TopKCategoricalAccuracy extends MeanMetric {
    private final int k;

    public TopKCategoricalAccuracy() {
        this("top_k_categorical_accuracy", 5);
    }

    /** @throws IllegalArgumentException if {@code k < 1} */
    public TopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = checkK(k);
    }

    public int k() {
        return k;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        return inTopK(labels.argMax(1).toLongVector(), pred, k);
    }

    @Override
    public String identifier() {
        return "top_k_categorical_accuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("k", k);
        return cfg;
    }

    @Override
    public Metric copy() {
        return new TopKCategoricalAccuracy(name(), k);
    }

    static int checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return k;
    }

    /** 1 per sample whose class scores fewer than {@code k} other classes strictly above it, else 0. */
    static INDArray inTopK(long[] classes, INDArray pred, int k) {
        double[][] scores = pred.toDoubleMatrix();
        double[] hits = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            double target = scores[i][(int) classes[i]];
            int above = 0;
            for (double s : scores[i]) {
                if (s > target) {
                    above++;
                }
            }
            hits[i] = above < k ? 1.0 : 0.0;
        }
        return Nd4j.createFromArray(hits);
    }
}
