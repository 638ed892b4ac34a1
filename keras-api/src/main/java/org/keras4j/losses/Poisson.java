package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Poisson loss {@code mean(y_pred - y_true * log(y_pred + 1e-7))} over the last axis, for
 * count targets and non-negative predicted rates. Identifier: poisson.
 *
 * <pre>{@code
 * model.compile("adam", new Poisson());   // e.g. with a softplus or exponential output
 * }</pre>
 */
public final class Poisson extends Loss {
    public Poisson() {
        super(false);
    }

    @Override
    public String identifier() {
        return "poisson";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        return pred.sub(labels.mul(Transforms.log(pred.add(EPSILON), false))).mean(1);
    }
}
