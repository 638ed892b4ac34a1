package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))^2)} over the last
 * axis: values below epsilon (including negatives) count as epsilon, as in Keras.
 * Identifiers: mean_squared_logarithmic_error, msle.
 *
 * <pre>{@code
 * model.compile("adam", "msle");
 * }</pre>
 */
public final class MeanSquaredLogarithmicError extends Loss {
    public MeanSquaredLogarithmicError() {
        super(false);
    }

    @Override
    public String identifier() {
        return "mean_squared_logarithmic_error";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        INDArray logPred = Transforms.log1p(Transforms.max(pred, EPSILON, true), false);
        INDArray logTrue = Transforms.log1p(Transforms.max(labels, EPSILON, true), false);
        return Transforms.pow(logPred.subi(logTrue), 2, false).mean(1);
    }
}
