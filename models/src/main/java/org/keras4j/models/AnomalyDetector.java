package org.keras4j.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anomaly detection by reconstruction error: a model trained on normal data only reconstructs
 * normal samples well, so a sample whose error is above a threshold is flagged as an anomaly.
 *
 * <p>The threshold rule: the {@code percentile}-th percentile of the scores of a validation set
 * of normal samples (not used for training), interpolated linearly between order statistics as
 * numpy's default {@code np.percentile}. With {@code percentile = 95} about 5 % of normal samples
 * are flagged (the false-positive rate chosen on validation data). {@link #rocAuc} measures the
 * score's separation independently of any threshold: the probability that a random anomaly
 * scores higher than a random normal sample, ties counting one half (the Mann–Whitney statistic).
 *
 * <pre>{@code
 * Autoencoder ae = Autoencoder.deep(784, 128, 32).compile("adam", "mse");
 * ae.fit(xNormalTrain, FitOptions.defaults().epochs(10));
 * AnomalyDetector detector = AnomalyDetector.fit(ae, xNormalValidation, 95);
 * boolean[] flagged = detector.isAnomaly(xTest);
 * double auc = detector.rocAuc(xNormalTest, xAnomalousTest);
 * }</pre>
 */
public final class AnomalyDetector {
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyDetector.class);

    private final Function<INDArray, INDArray> score;
    private final double threshold;
    private final double percentile;

    private AnomalyDetector(Function<INDArray, INDArray> score, double threshold, double percentile) {
        this.score = score;
        this.threshold = threshold;
        this.percentile = percentile;
    }

    /**
     * A detector scoring by {@code autoencoder.reconstructionError}, its threshold the
     * {@code percentile}-th percentile of the errors on {@code validationNormal}.
     *
     * @throws IllegalArgumentException if an argument is null, the validation set is empty, or
     *     {@code percentile} is not in [0, 100]
     */
    public static AnomalyDetector fit(Autoencoder autoencoder, INDArray validationNormal, double percentile) {
        requireArgument(autoencoder, "autoencoder");
        return fit(autoencoder::reconstructionError, validationNormal, percentile);
    }

    /**
     * A detector with any score, one value per sample (higher = more anomalous), e.g. PCA's
     * reconstruction error.
     */
    public static AnomalyDetector fit(Function<INDArray, INDArray> score, INDArray validationNormal, double percentile) {
        requireArgument(score, "score");
        requireArgument(validationNormal, "validationNormal");
        if (validationNormal.size(0) == 0) {
            throw new IllegalArgumentException("validationNormal must hold at least one sample, got none");
        }
        double[] errors = scores(score, validationNormal);
        double t = percentile(errors, percentile);
        LOG.info("anomaly threshold {} (percentile {} of {} validation errors)", t, percentile, errors.length);
        return new AnomalyDetector(score, t, percentile);
    }

    /** The chosen threshold: samples scoring above it are anomalies. */
    public double threshold() {
        return threshold;
    }

    /** The percentile the threshold was chosen at. */
    public double percentileUsed() {
        return percentile;
    }

    /** The score of each sample (for an autoencoder, its reconstruction error). */
    public double[] score(INDArray x) {
        requireArgument(x, "x");
        return scores(score, x);
    }

    /** Whether each sample scores above the threshold. */
    public boolean[] isAnomaly(INDArray x) {
        double[] s = score(x);
        boolean[] flagged = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            flagged[i] = s[i] > threshold;
        }
        return flagged;
    }

    /** ROC AUC of the score on normal and anomalous samples (anomalies are the positive class). */
    public double rocAuc(INDArray normal, INDArray anomalous) {
        return evaluate(normal, anomalous).rocAuc();
    }

    /**
     * ROC AUC, and at the threshold the detection rate (anomalies flagged) and false-positive rate
     * (normal samples flagged).
     */
    public Evaluation evaluate(INDArray normal, INDArray anomalous) {
        requireArgument(normal, "normal");
        requireArgument(anomalous, "anomalous");
        double[] n = score(normal);
        double[] a = score(anomalous);
        double[] all = new double[n.length + a.length];
        boolean[] positive = new boolean[all.length];
        System.arraycopy(n, 0, all, 0, n.length);
        System.arraycopy(a, 0, all, n.length, a.length);
        Arrays.fill(positive, n.length, all.length, true);
        return new Evaluation(rocAuc(all, positive), fractionAbove(a, threshold), fractionAbove(n, threshold), threshold);
    }

    /**
     * What a detector achieves on labelled data.
     *
     * @param rocAuc area under the ROC curve of the score
     * @param detectionRate fraction of anomalies above the threshold (true-positive rate)
     * @param falsePositiveRate fraction of normal samples above the threshold
     * @param threshold the threshold used
     */
    public record Evaluation(double rocAuc, double detectionRate, double falsePositiveRate, double threshold) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "ROC AUC %.4f, detection rate %.4f, false-positive rate %.4f at threshold %.5g",
                    rocAuc, detectionRate, falsePositiveRate, threshold);
        }
    }

    // ---- the formulas ----

    /**
     * The {@code p}-th percentile of {@code values}, numpy's default ("linear"): sorted values
     * {@code v}, position {@code h = p / 100 * (n - 1)}, result
     * {@code v[floor h] + (h - floor h) * (v[floor h + 1] - v[floor h])}.
     *
     * @throws IllegalArgumentException if {@code values} is empty or holds NaN, or {@code p} is not in [0, 100]
     */
    public static double percentile(double[] values, double p) {
        requireArgument(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("values must hold at least one number, got none");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        double[] v = values.clone();
        for (double x : v) {
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("values must not hold NaN");
            }
        }
        Arrays.sort(v);
        double h = p / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    /**
     * Area under the ROC curve of {@code scores} for the labels {@code positive}: the fraction of
     * (positive, negative) pairs in which the positive scores higher, ties counting one half;
     * computed from average ranks in O(n log n).
     *
     * @throws IllegalArgumentException if the lengths differ, a score is NaN, or either class is empty
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        requireArgument(scores, "scores");
        requireArgument(positive, "positive");
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and positive must have the same length, got " + scores.length
                    + " and " + positive.length);
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores must not hold NaN, got one at " + i);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // 1-based ranks; tied values share their mean rank
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("rocAuc needs at least one positive and one negative sample, got "
                    + positives + " positive and " + negatives + " negative");
        }
        double u = rankSumPositive - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    private static double fractionAbove(double[] s, double threshold) {
        long above = Arrays.stream(s).filter(v -> v > threshold).count();
        return s.length == 0 ? Double.NaN : above / (double) s.length;
    }

    private static double[] scores(Function<INDArray, INDArray> score, INDArray x) {
        INDArray s = score.apply(x);
        if (s == null || s.length() != x.size(0)) {
            throw new IllegalArgumentException("score must give one value per sample (" + x.size(0) + "), got "
                    + (s == null ? "null" : Arrays.toString(s.shape())));
        }
        return s.reshape(s.length()).toDoubleVector();
    }

    private static void requireArgument(Object value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
    }
}
