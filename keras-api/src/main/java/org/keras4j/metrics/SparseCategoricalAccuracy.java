package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fraction of samples whose arg-max prediction equals the class-index label ({@code [n]} or
 * {@code [n, 1]}). Identifier: sparse_categorical_accuracy.
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "sparse_categorical_accuracy");
 * }</pre>
 */
public final class SparseCategoricalAccuracy extends MeanMetric {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** With another log key, e.g. {@code "accuracy"} when resolved from that name. */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        long[] classes = classIndices(yTrue, pred);
        long[] argMax = pred.argMax(1).toLongVector();
        double[] hits = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            hits[i] = classes[i] == argMax[i] ? 1.0 : 0.0;
        }
        return Nd4j.createFromArray(hits);
    }

    @Override
    boolean computesOnHost() {
        return true;
    }

    @Override
    double hostSum(HostBatch b) {
        int hits = 0;
        for (int r = 0; r < b.rows(); r++) {
            int predicted = b.predictedClass(r);
            int labelled = b.classIndex(r);
            if (predicted < 0 || labelled < 0) {
                return Double.NaN;
            }
            hits += predicted == labelled ? 1 : 0;
        }
        return hits;
    }

    @Override
    public String identifier() {
        return "sparse_categorical_accuracy";
    }

    @Override
    public Metric copy() {
        return new SparseCategoricalAccuracy(name());
    }
}
