package org.keras4j.losses;

import org.keras4j.utils.Categorical;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Categorical cross-entropy with class-index labels ({@code [n]} or {@code [n, 1]}, values
 * {@code 0..k-1}) instead of one-hot rows: the same formula, clipping and {@code fromLogits}
 * handling as {@link CategoricalCrossentropy}. Identifier: sparse_categorical_crossentropy.
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");   // y holds 0..9
 * }</pre>
 */
public final class SparseCategoricalCrossentropy extends Loss {
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super(fromLogits);
    }

    @Override
    public boolean sparseLabels() {
        return true;
    }

    @Override
    public String identifier() {
        return "sparse_categorical_crossentropy";
    }

    /**
     * One-hot rows {@code [n, k]} of the predictions' type for class indices {@code [n]} or {@code [n, 1]}.
     *
     * @throws IllegalArgumentException if there is not one index per prediction row, or an index is
     *     not an integer in {@code [0, k)}
     */
    public static INDArray oneHot(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        if (yTrue.length() != pred.size(0)) {
            throw new IllegalArgumentException("yTrue must hold one class index per sample: expected " + pred.size(0)
                    + " values for yPred of shape [" + pred.size(0) + ", " + pred.size(1) + "], got "
                    + java.util.Arrays.toString(yTrue.shape()));
        }
        return Categorical.toCategorical(yTrue.reshape(yTrue.length()), (int) pred.size(1)).castTo(pred.dataType());
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return CategoricalCrossentropy.crossentropy(oneHot(yTrue, pred), pred, fromLogits());
    }
}
