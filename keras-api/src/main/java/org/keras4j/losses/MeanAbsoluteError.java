package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code mean(|y_true - y_pred|)} over the last axis. Identifiers: mean_absolute_error, mae.
 *
 * <pre>{@code
 * model.compile("adam", new MeanAbsoluteError());
 * }</pre>
 */
public final class MeanAbsoluteError extends Loss {
    public MeanAbsoluteError() {
        super(false);
    }

    @Override
    public String identifier() {
        return "mean_absolute_error";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return Transforms.abs(pred.sub(labelsLike(yTrue, pred)), false).mean(1);
    }
}
