package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Negative cosine similarity over the last axis: {@code -sum(l2_normalize(y_true) *
 * l2_normalize(y_pred))}, where {@code l2_normalize(x) = x / max(||x||, 1e-7)}; -1 means same
 * direction, 0 orthogonal or a zero vector. Identifier: cosine_similarity.
 *
 * <pre>{@code
 * model.compile("adam", new CosineSimilarity());
 * }</pre>
 */
public final class CosineSimilarity extends Loss {
    public CosineSimilarity() {
        super(false);
    }

    @Override
    public String identifier() {
        return "cosine_similarity";
    }

    /** Each row divided by {@code max(||row||, 1e-7)}, as Keras's {@code normalize}. */
    public static INDArray l2Normalize(INDArray x) {
        INDArray norms = Transforms.max(x.norm2(true, 1), EPSILON, false);
        return x.divColumnVector(norms);
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        return l2Normalize(labels).muli(l2Normalize(pred)).sum(1).negi();
    }
}
