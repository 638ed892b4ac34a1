package org.keras4j.metrics;

/**
 * Mean of the squared errors, {@code mean((y_true - y_pred)^2)} per sample, averaged over
 * samples: the same formula as the loss {@link org.keras4j.losses.MeanSquaredError}.
 * Identifiers: mean_squared_error, mse.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mse");   // logged as "mse"
 * }</pre>
 */
public final class MeanSquaredError extends LossMetric {
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    public MeanSquaredError(String name) {
        super(name, new org.keras4j.losses.MeanSquaredError());
    }

    @Override
    boolean computesOnHost() {
        return true;
    }

    @Override
    double hostSum(HostBatch b) {
        return b.sameShape() ? b.squaredErrorSum() : Double.NaN;
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
