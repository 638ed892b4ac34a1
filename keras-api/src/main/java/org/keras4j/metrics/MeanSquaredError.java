package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean of the squared errors, {@code mean((y_true - y_pred)^2)} per sample, averaged over
 * samples: the same formula as the loss {@link org.keras4j.losses.MeanSquaredError}.
 * Identifiers: mean_squared_error, mse.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mse");   // logged as "mse"
 * }</pre>
 */
public final class MeanSquaredError extends MeanMetric {
    private static final org.keras4j.losses.MeanSquaredError FORMULA =
            new org.keras4j.losses.MeanSquaredError();

    public MeanSquaredError() {
        this("mean_squared_error");
    }

    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return FORMULA.call(labelsLike(yTrue, pred), pred);
    }

    @Override
    public String identifier() {
        return "mean_squared_error";
    }

    @Override
    public Metric copy() {
        return new MeanSquaredError(name());
    }
}
