package org.keras4j.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fraction of samples whose arg-max prediction equals the arg-max of the one-hot label.
 * Identifier: categorical_accuracy.
 *
 * <pre>{@code
 * model.compile("adam", "categorical_crossentropy", "categorical_accuracy");
 * }</pre>
 */
public final class CategoricalAccuracy extends MeanMetric {
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** With another log key, e.g. {@code "accuracy"} when resolved from that name. */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        return labels.argMax(1).eq(pred.argMax(1)).castTo(DataType.DOUBLE);
    }

    @Override
    boolean computesOnHost() {
        return true;
    }

    @Override
    double hostSum(HostBatch b) {
        if (!b.sameShape()) {
            return Double.NaN;
        }
        int hits = 0;
        for (int r = 0; r < b.rows(); r++) {
            int predicted = b.predictedClass(r);
            int labelled = b.labelledClass(r);
            if (predicted < 0 || labelled < 0) {
                return Double.NaN;
            }
            hits += predicted == labelled ? 1 : 0;
        }
        return hits;
    }

    @Override
    public String identifier() {
        return "categorical_accuracy";
    }

    @Override
    public Metric copy() {
        return new CategoricalAccuracy(name());
    }
}
