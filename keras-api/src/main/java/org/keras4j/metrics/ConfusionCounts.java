package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts of one batch at one threshold, over every element (Keras flattens multi-label and
 * multi-class outputs into independent binary decisions): positives are labels that are not
 * 0, predicted positives are predictions above the threshold.
 */
record ConfusionCounts(long truePositives, long falsePositives, long falseNegatives) {
    static ConfusionCounts of(INDArray yTrue, INDArray yPred, double threshold) {
        INDArray pred = Metric.predictions(yPred);
        double[] labels = Metric.labelsLike(yTrue, pred).reshape(pred.length()).toDoubleVector();
        double[] scores = pred.reshape(pred.length()).toDoubleVector();
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean actual = labels[i] != 0;
            boolean predicted = scores[i] > threshold;
            if (actual && predicted) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            }
        }
        return new ConfusionCounts(tp, fp, fn);
    }

    static double checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        return threshold;
    }
}
