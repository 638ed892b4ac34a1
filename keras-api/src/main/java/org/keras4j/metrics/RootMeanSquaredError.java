package org.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Root mean squared error: {@code sqrt} of the mean squared error over everything seen so far
 * (not the mean of per-batch roots). Identifier: root_mean_squared_error.
 *
 * <pre>{@code
 * model.compile("adam", "mse", "root_mean_squared_error");
 * }</pre>
 */
public final class RootMeanSquaredError extends MeanMetric {
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return Transforms.pow(pred.sub(labelsLike(yTrue, pred)), 2, false).mean(1);
    }

    @Override
    public double result() {
        return Math.sqrt(super.result());
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
        return "root_mean_squared_error";
    }

    @Override
    public Metric copy() {
        return new RootMeanSquaredError(name());
    }
}
