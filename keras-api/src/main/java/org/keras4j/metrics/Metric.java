package org.keras4j.metrics;

import java.util.Arrays;
import java.util.Map;
import org.keras4j.utils.Configurable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stateful metric, as Keras's: {@link #update} accumulates batches, {@link #result} reads
 * the value so far, {@link #reset} starts over (the model resets at each epoch and evaluation).
 *
 * <pre>{@code
 * Metric acc = Metrics.get("categorical_accuracy");
 * acc.update(yTrue, yPred);
 * double value = acc.result();
 * }</pre>
 */
public abstract class Metric implements Configurable {
    private final String name;

    /** @throws IllegalArgumentException if {@code name} is null or blank */
    protected Metric(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name must be a non-blank string, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
    }

    /** The key under which logs and {@code History} report it, e.g. {@code "accuracy"}. */
    public String name() {
        return name;
    }

    public abstract void reset();

    /**
     * Accumulates one batch.
     *
     * @param yTrue labels as given to fit, {@code [n, k]} or {@code [n, 1]} for class indices
     * @param yPred the model's outputs, {@code [n, k]}
     * @throws IllegalArgumentException if the shapes do not fit the metric
     */
    public abstract void update(INDArray yTrue, INDArray yPred);

    public abstract double result();

    /** A fresh metric of the same kind, name and config, with no state. */
    public abstract Metric copy();

    /** {@code name} plus the arguments of subclasses; {@link Metrics#fromConfig} rebuilds the metric from it. */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of("name", name);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Predictions as a 2-d double array {@code [n, k]} ({@code [n]} becomes {@code [n, 1]}).
     *
     * @throws IllegalArgumentException if {@code yPred} is not of rank 1 or 2
     */
    protected static INDArray predictions(INDArray yPred) {
        INDArray pred = yPred.rank() == 1 ? yPred.reshape(yPred.length(), 1) : yPred;
        if (pred.rank() != 2) {
            throw new IllegalArgumentException("yPred must have shape [samples, outputs], got "
                    + Arrays.toString(yPred.shape()));
        }
        return pred.castTo(DataType.DOUBLE);
    }

    /**
     * Labels of the same shape as {@code pred}, as doubles.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    protected static INDArray labelsLike(INDArray yTrue, INDArray pred) {
        INDArray labels = yTrue.rank() == 1 ? yTrue.reshape(yTrue.length(), 1) : yTrue;
        if (!Arrays.equals(labels.shape(), pred.shape())) {
            throw new IllegalArgumentException("yTrue and yPred must have the same shape: yTrue has "
                    + Arrays.toString(yTrue.shape()) + ", yPred has " + Arrays.toString(pred.shape()));
        }
        return labels.castTo(DataType.DOUBLE);
    }

    /**
     * Class indices {@code [n]} as longs, one per row of {@code pred}.
     *
     * @throws IllegalArgumentException if there is not one integer index in {@code [0, k)} per row
     */
    protected static long[] classIndices(INDArray yTrue, INDArray pred) {
        if (yTrue.length() != pred.size(0)) {
            throw new IllegalArgumentException("yTrue must hold one class index per sample: expected " + pred.size(0)
                    + " values, got shape " + Arrays.toString(yTrue.shape()));
        }
        double[] values = yTrue.castTo(DataType.DOUBLE).reshape(yTrue.length()).toDoubleVector();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v < pred.size(1)) || v != Math.rint(v)) {
                throw new IllegalArgumentException("yTrue must hold integer class indices in [0, " + (pred.size(1) - 1)
                        + "], got " + v + " at sample " + i);
            }
            out[i] = (long) v;
        }
        return out;
    }
}
