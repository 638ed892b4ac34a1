package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Area under the ROC curve, approximated as Keras does: predictions (clipped to [0, 1]) are
 * compared with {@code numThresholds} thresholds (default 200) evenly spaced over [0, 1], the
 * outer two moved just outside it; the true- and false-positive rates at consecutive thresholds
 * are joined by trapezoids ({@code summation_method="interpolation"}). Every output is a
 * separate binary decision (Keras's {@code multi_label=False}); labels that are not 0 are
 * positives. Counts accumulate over batches. Identifier: auc.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "auc");
 * }</pre>
 */
public final class AUC extends Metric {
    private final int numThresholds;
    // per bucket b: samples whose prediction p has ceil(p * (T - 1)) - 1 == b (at least 0),
    // i.e. that are above thresholds 0..b and not above threshold b + 1
    private final double[] positivesInBucket;
    private final double[] negativesInBucket;

    public AUC() {
        this("auc", 200);
    }

    /** @throws IllegalArgumentException if {@code numThresholds < 2} */
    public AUC(String name, int numThresholds) {
        super(name);
        if (numThresholds < 2) {
            throw new IllegalArgumentException("numThresholds must be > 1, got " + numThresholds);
        }
        this.numThresholds = numThresholds;
        this.positivesInBucket = new double[numThresholds];
        this.negativesInBucket = new double[numThresholds];
    }

    public int numThresholds() {
        return numThresholds;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(positivesInBucket, 0);
        java.util.Arrays.fill(negativesInBucket, 0);
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        double[] labels = labelsLike(yTrue, pred).reshape(pred.length()).toDoubleVector();
        double[] scores = pred.reshape(pred.length()).toDoubleVector();
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(Math.max(scores[i], 0.0), 1.0);
            int bucket = Math.max(0, (int) Math.ceil(p * (numThresholds - 1)) - 1);
            if (labels[i] != 0) {
                positivesInBucket[bucket]++;
            } else {
                negativesInBucket[bucket]++;
            }
        }
    }

    @Override
    public double result() {
        int t = numThresholds;
        double[] tp = new double[t];
        double[] fp = new double[t];
        double positives = 0;
        double negatives = 0;
        for (int i = t - 1; i >= 0; i--) {
            positives += positivesInBucket[i];
            negatives += negativesInBucket[i];
            tp[i] = positives;
            fp[i] = negatives;
        }
        double area = 0;
        for (int i = 0; i < t - 1; i++) {
            double recallHere = positives == 0 ? 0 : tp[i] / positives;
            double recallNext = positives == 0 ? 0 : tp[i + 1] / positives;
            double fprHere = negatives == 0 ? 0 : fp[i] / negatives;
            double fprNext = negatives == 0 ? 0 : fp[i + 1] / negatives;
            area += (fprHere - fprNext) * (recallHere + recallNext) / 2;
        }
        return area;
    }

    @Override
    public String identifier() {
        return "auc";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("num_thresholds", numThresholds);
        cfg.put("curve", "ROC");
        cfg.put("summation_method", "interpolation");
        return cfg;
    }

    @Override
    public Metric copy() {
        return new AUC(name(), numThresholds);
    }
}
