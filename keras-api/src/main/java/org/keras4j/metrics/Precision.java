package org.keras4j.metrics;

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
public final class Precision extends ThresholdedConfusionMetric {
    public Precision() {
        this("precision", 0.5);
    }

    /** @throws IllegalArgumentException if {@code threshold} is outside [0, 1] */
    public Precision(String name, double threshold) {
        super(name, threshold);
    }

    @Override
    double result(long truePositives, long falsePositives, long falseNegatives) {
        return ratio(truePositives, truePositives + falsePositives);
    }

    @Override
    public String identifier() {
        return "precision";
    }

    @Override
    public Metric copy() {
        return new Precision(name(), threshold());
    }
}
