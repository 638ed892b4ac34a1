package org.keras4j.metrics;

/**
 * Mean absolute percentage error, {@code 100 * mean(|y_true - y_pred| / max(|y_true|, 1e-7))} per
 * sample, averaged over samples: the same formula as the loss {@link
 * org.keras4j.losses.MeanAbsolutePercentageError}.
 * Identifiers: mean_absolute_percentage_error, mape.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mape");   // logged as "mape"
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends LossMetric {
    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageError(String name) {
        super(name, new org.keras4j.losses.MeanAbsolutePercentageError());
    }

    @Override
    public String identifier() {
        return "mean_absolute_percentage_error";
    }

    @Override
    public Metric copy() {
        return new MeanAbsolutePercentageError(name());
    }
}
