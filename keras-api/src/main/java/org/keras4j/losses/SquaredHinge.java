package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Squared hinge loss {@code mean(max(1 - y_true * y_pred, 0)^2)} over the last axis, with the
 * same -1 / 1 label conversion as {@link Hinge}. Identifier: squared_hinge.
 *
 * <pre>{@code
 * model.compile("sgd", new SquaredHinge());
 * }</pre>
 */
public final class SquaredHinge extends Loss {
    public SquaredHinge() {
        super(false);
    }

    @Override
    public String identifier() {
        return "squared_hinge";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray margins = Hinge.margins(yTrue, yPred);
        return margins.muli(margins).mean(1);
    }
}
