package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean of the absolute errors, {@code mean(|y_true - y_pred|)} per sample, averaged over samples:
 * the same formula as the loss {@link org.keras4j.losses.MeanAbsoluteError}.
 * Identifiers: mean_absolute_error, mae.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mae");   // logged as "mae"
 * }</pre>
 */
public final class MeanAbsoluteError extends MeanMetric {
    private static final org.keras4j.losses.MeanAbsoluteError FORMULA =
            new org.keras4j.losses.MeanAbsoluteError();

    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return FORMULA.call(labelsLike(yTrue, pred), pred);
    }

    @Override
    public String identifier() {
        return "mean_absolute_error";
    }

    @Override
    public Metric copy() {
        return new MeanAbsoluteError(name());
    }
}
