package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code mean(log(cosh(y_pred - y_true)))} over the last axis, computed as Keras does without
 * overflow: {@code x + softplus(-2x) - log(2)}. Identifiers: log_cosh, logcosh.
 *
 * <pre>{@code
 * model.compile("adam", new LogCosh());
 * }</pre>
 */
public final class LogCosh extends Loss {
    private static final double LOG2 = Math.log(2.0);

    public LogCosh() {
        super(false);
    }

    @Override
    public String identifier() {
        return "log_cosh";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray x = pred.sub(labelsLike(yTrue, pred));
        return x.add(softplus(x.mul(-2.0))).subi(LOG2).mean(1);
    }
}
