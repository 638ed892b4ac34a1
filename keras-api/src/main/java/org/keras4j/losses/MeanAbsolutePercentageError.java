package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code 100 * mean(|y_true - y_pred| / max(|y_true|, 1e-7))} over the last axis; the
 * epsilon keeps zero labels finite, as in Keras. Identifiers:
 * mean_absolute_percentage_error, mape.
 *
 * <pre>{@code
 * model.compile("adam", "mape");
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends Loss {
    public MeanAbsolutePercentageError() {
        super(false);
    }

    @Override
    public String identifier() {
        return "mean_absolute_percentage_error";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        INDArray scale = Transforms.max(Transforms.abs(labels, true), EPSILON, false);
        return Transforms.abs(labels.sub(pred), false).divi(scale).mean(1).muli(100.0);
    }
}
