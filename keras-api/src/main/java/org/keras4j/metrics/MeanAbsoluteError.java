package org.keras4j.metrics;

/**
 * Mean of the absolute errors, {@code mean(|y_true - y_pred|)} per sample, averaged over samples:
 * the same formula as the loss {@link org.keras4j.losses.MeanAbsoluteError}.
 * Identifiers: mean_absolute_error, mae.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mae");   // logged as "mae"
 * }</pre>
 */
public final class MeanAbsoluteError extends LossMetric {
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteError(String name) {
        super(name, new org.keras4j.losses.MeanAbsoluteError());
    }

    @Override
    boolean computesOnHost() {
        return true;
    }

    @Override
    double hostSum(HostBatch b) {
        return b.sameShape() ? b.absoluteErrorSum() : Double.NaN;
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
