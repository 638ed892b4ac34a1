package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kullback-Leibler divergence {@code sum(y_true * log(y_true / y_pred))} over the last axis,
 * with both arguments clipped to {@code [1e-7, 1]} as in Keras. Identifiers: kl_divergence,
 * kld, kullback_leibler_divergence.
 *
 * <pre>{@code
 * model.compile("adam", new KLDivergence());
 * }</pre>
 */
public final class KLDivergence extends Loss {
    public KLDivergence() {
        super(false);
    }

    @Override
    public String identifier() {
        return "kl_divergence";
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = clip(labelsLike(yTrue, pred), EPSILON, 1.0);
        INDArray p = clip(pred, EPSILON, 1.0);
        return labels.mul(Transforms.log(labels.div(p), false)).sum(1);
    }
}
