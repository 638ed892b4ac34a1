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
    public String identifier() {
        return "categorical_accuracy";
    }

    @Override
    public Metric copy() {
        return new CategoricalAccuracy(name());
    }
}
