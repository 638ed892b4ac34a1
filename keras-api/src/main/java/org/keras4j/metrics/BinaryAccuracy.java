package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fraction of predictions that match binary labels once thresholded:
 * {@code y_true == (y_pred > threshold)}, averaged over the outputs of each sample and then
 * over samples. {@code threshold} defaults to 0.5. Identifier: binary_accuracy.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "binary_accuracy");
 * Metric acc = new BinaryAccuracy("accuracy", 0.5);
 * }</pre>
 */
public final class BinaryAccuracy extends MeanMetric {
    private final double threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    /**
     * @param name the log key
     * @param threshold predictions above it count as 1
     * @throws IllegalArgumentException if {@code threshold} is NaN
     */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number, got NaN");
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        INDArray predicted = pred.gt(threshold).castTo(DataType.DOUBLE);
        return labels.eq(predicted).castTo(DataType.DOUBLE).mean(1);
    }

    @Override
    boolean computesOnHost() {
        return true;
    }

    @Override
    double hostSum(HostBatch b) {
        if (!b.sameShape()) {
            return Double.NaN;
        }
        double hits = 0;
        double[] t = b.yTrue();
        double[] p = b.yPred();
        for (int i = 0; i < p.length; i++) {
            hits += t[i] == (p[i] > threshold ? 1.0 : 0.0) ? 1 : 0;
        }
        return hits / b.predWidth();
    }

    @Override
    public String identifier() {
        return "binary_accuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("threshold", threshold);
        return cfg;
    }

    @Override
    public Metric copy() {
        return new BinaryAccuracy(name(), threshold);
    }
}
