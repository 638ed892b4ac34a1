package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code mean((y_true - y_pred)^2)} over the last axis. Identifiers: mean_squared_error, mse.
 *
 * <pre>{@code
 * model.compile("adam", new MeanSquaredError());
 * }</pre>
 */
public final class MeanSquaredError extends Loss {
    public MeanSquaredError() {
        super(false);
    }

    @Override
    public String identifier() {
        return "mean_squared_error";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return Transforms.pow(pred.sub(labelsLike(yTrue, pred)), 2, false).mean(1);
    }
}
