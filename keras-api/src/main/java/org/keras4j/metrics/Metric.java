package org.keras4j.metrics;

import java.util.Map;
import org.keras4j.utils.Configurable;
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

    protected Metric(String name) {
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
     */
    public abstract void update(INDArray yTrue, INDArray yPred);

    public abstract double result();

    /** A fresh metric of the same kind and name, with no state. */
    public abstract Metric copy();

    @Override
    public Map<String, Object> getConfig() {
        return Map.of("name", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
