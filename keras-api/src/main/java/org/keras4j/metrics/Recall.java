package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recall {@code tp / (tp + fn)} over everything seen so far, a prediction counting as
 * positive above {@code threshold} (default 0.5). With several outputs every output is a
 * separate binary decision (multi-label), as in Keras; 0 when there was no positive label.
 * Identifier: recall.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "precision", "recall");
 * }</pre>
 */
public final class Recall extends Metric {
    private final double threshold;
    private long truePositives;
    private long falseNegatives;

    public Recall() {
        this("recall", 0.5);
    }

    /** @throws IllegalArgumentException if {@code threshold} is outside [0, 1] */
    public Recall(String name, double threshold) {
        super(name);
        this.threshold = ConfusionCounts.checkThreshold(threshold);
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public void reset() {
        truePositives = 0;
        falseNegatives = 0;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        ConfusionCounts counts = ConfusionCounts.of(yTrue, yPred, threshold);
        truePositives += counts.truePositives();
        falseNegatives += counts.falseNegatives();
    }

    @Override
    public double result() {
        long actual = truePositives + falseNegatives;
        return actual == 0 ? 0.0 : (double) truePositives / actual;
    }

    @Override
    public String identifier() {
        return "recall";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("thresholds", threshold);
        return cfg;
    }

    @Override
    public Metric copy() {
        return new Recall(name(), threshold);
    }
}
