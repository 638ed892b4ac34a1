package org.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the top-k accuracies: the fraction of samples whose true class is among the {@code k}
 * highest predictions, as Keras's {@code in_top_k} (classes tied with the k-th highest score
 * count as in the top k). Subclasses say how the true class is read from the labels.
 *
 * <pre>{@code
 * Metric top3 = new TopKCategoricalAccuracy("top_3", 3);
 * }</pre>
 */
abstract class TopKMetric extends MeanMetric {
    private final int k;

    /** @throws IllegalArgumentException if {@code k < 1} */
    TopKMetric(String name, int k) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
    }

    /** The true class of each sample. */
    abstract long[] trueClasses(INDArray yTrue, INDArray pred);

    public int k() {
        return k;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return inTopK(trueClasses(yTrue, pred), pred, k);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(super.getConfig());
        cfg.put("k", k);
        return cfg;
    }

    /** 1 per sample whose class scores fewer than {@code k} other classes strictly above it, else 0. */
    private static INDArray inTopK(long[] classes, INDArray pred, int k) {
        double[][] scores = pred.toDoubleMatrix();
        double[] hits = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            double target = scores[i][(int) classes[i]];
            int above = 0;
            for (double s : scores[i]) {
                if (s > target) {
                    above++;
                }
            }
            hits[i] = above < k ? 1.0 : 0.0;
        }
        return Nd4j.createFromArray(hits);
    }
}
