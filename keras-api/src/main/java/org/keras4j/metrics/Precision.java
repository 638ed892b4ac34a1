package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Precision {@code tp / (tp + fp)} over everything seen so far, a prediction counting as
 * positive above {@code threshold} (default 0.5). With several outputs every output is a
 * separate binary decision (multi-label), as in Keras; 0 when nothing was predicted positive.
 * Identifier: precision.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "precision", "recall");
 * }</pre>
 */
public final class Precision extends Metric {
    private final double threshold;
    private long truePositives;
    private long falsePositives;

    public Precision() {
        this("precision", 0.5);
    }

    /** @throws IllegalArgumentException if {@code threshold} is outside [0, 1] */
    public Precision(String name, double threshold) {
        super(name);
        this.threshold = ConfusionCounts.checkThreshold(threshold);
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public void reset() {
        truePositives = 0;
        falsePositives = 0;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        ConfusionCounts counts = ConfusionCounts.of(yTrue, yPred, threshold);
        truePositives += counts.truePositives();
        falsePositives += counts.falsePositives();
    }

    @Override
    public double result() {
        long predicted = truePositives + falsePositives;
        return predicted == 0 ? 0.0 : (double) truePositives / predicted;
    }

    @Override
    public String identifier() {
        return "precision";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("thresholds", threshold);
        return cfg;
    }

    @Override
    public Metric copy() {
        return new Precision(name(), threshold);
    }
}
