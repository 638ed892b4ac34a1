package org.keras4j.metrics;

/**
 * One batch's labels and predictions copied to the JVM, row-major, for the metrics that score a
 * small batch there ({@link MeanMetric#hostSum}): a handful of ND4J operations per batch cost
 * more than the arithmetic of a course-size batch.
 *
 * <pre>{@code
 * HostBatch b = new HostBatch(labels, 3, predictions, 3, 32);
 * int predicted = b.predictedClass(0);   // -1 when the row holds NaN
 * }</pre>
 *
 * @param yTrue the labels {@code [rows, trueWidth]}
 * @param yPred the predictions {@code [rows, predWidth]}
 */
record HostBatch(double[] yTrue, int trueWidth, double[] yPred, int predWidth, int rows) {

    /** True when labels and predictions have the same shape. */
    boolean sameShape() {
        return trueWidth == predWidth;
    }

    /** The column of the first largest prediction in {@code row}, as ND4J's {@code argMax}; -1 if the row holds NaN. */
    int predictedClass(int row) {
        return argMax(yPred, row * predWidth, predWidth);
    }

    /** The column of the first largest label in {@code row} (the class of a one-hot row); -1 if it holds NaN. */
    int labelledClass(int row) {
        return argMax(yTrue, row * trueWidth, trueWidth);
    }

    /** The class index a label row of width 1 holds, or -1 when it is not a whole number in {@code [0, predWidth)}. */
    int classIndex(int row) {
        double v = yTrue[row];
        return trueWidth == 1 && v >= 0 && v < predWidth && v == Math.rint(v) ? (int) v : -1;
    }

    /** The sum over rows of the mean over outputs of {@code (y - p)^2}. */
    double squaredErrorSum() {
        double sum = 0.0;
        for (int i = 0; i < yPred.length; i++) {
            double d = yTrue[i] - yPred[i];
            sum += d * d;
        }
        return sum / predWidth;
    }

    /** The sum over rows of the mean over outputs of {@code |y - p|}. */
    double absoluteErrorSum() {
        double sum = 0.0;
        for (int i = 0; i < yPred.length; i++) {
            sum += Math.abs(yTrue[i] - yPred[i]);
        }
        return sum / predWidth;
    }

    private static int argMax(double[] a, int start, int width) {
        int best = 0;
        for (int c = 0; c < width; c++) {
            double v = a[start + c];
            if (Double.isNaN(v)) {
                return -1;
            }
            if (v > a[start + best]) {
                best = c;
            }
        }
        return best;
    }
}
