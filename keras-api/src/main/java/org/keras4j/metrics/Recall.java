package org.keras4j.metrics;

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
public final class Recall extends ThresholdedConfusionMetric {
    public Recall() {
        this("recall", 0.5);
    }

    /** @throws IllegalArgumentException if {@code threshold} is outside [0, 1] */
    public Recall(String name, double threshold) {
        super(name, threshold);
    }

    @Override
    double result(long truePositives, long falsePositives, long falseNegatives) {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    @Override
    public String identifier() {
        return "recall";
    }

    @Override
    public Metric copy() {
        return new Recall(name(), threshold());
    }
}
