package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the metrics computed from true-positive, false-positive and false-negative counts at
 * one {@code threshold}, accumulated over everything seen (Keras's {@code Precision} and
 * {@code Recall}); subclasses give the ratio of the counts.
 *
 * <pre>{@code
 * Metric precision = new Precision("precision", 0.7);   // counts predictions > 0.7 as positive
 * }</pre>
 */
abstract class ThresholdedConfusionMetric extends Metric {
    private final double threshold;
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;

    /** @throws IllegalArgumentException if {@code threshold} is outside [0, 1] */
    ThresholdedConfusionMetric(String name, double threshold) {
        super(name);
        this.threshold = ConfusionCounts.checkThreshold(threshold);
    }

    /** The ratio of the counts so far. */
    abstract double result(long truePositives, long falsePositives, long falseNegatives);

    public double threshold() {
        return threshold;
    }

    @Override
    public void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        ConfusionCounts counts = ConfusionCounts.of(yTrue, yPred, threshold);
        truePositives += counts.truePositives();
        falsePositives += counts.falsePositives();
        falseNegatives += counts.falseNegatives();
    }

    @Override
    public double result() {
        return result(truePositives, falsePositives, falseNegatives);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("thresholds", threshold);
        return cfg;
    }

    /** {@code numerator / denominator}, 0 when the denominator is (Keras's {@code divide_no_nan}). */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
