package org.keras4j.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        long samples = pred.size(0);
        long classes = pred.size(1);
        if (yTrue.length() != samples) {
            throw new IllegalArgumentException("yTrue must hold one class index per sample: expected " + samples
                    + " values for yPred of shape [" + samples + ", " + classes + "], got "
                    + Arrays.toString(yTrue.shape()));
        }
        double[] indices = yTrue.castTo(DataType.DOUBLE).reshape(samples).toDoubleVector();
        INDArray oneHot = Nd4j.zeros(pred.dataType(), samples, classes);
        for (int i = 0; i < indices.length; i++) {
            double v = indices[i];
            if (!(v >= 0 && v < classes) || v != Math.rint(v)) {
                throw new IllegalArgumentException("yTrue must hold integer class indices in [0, " + (classes - 1)
                        + "], got " + v + " at sample " + i);
            }
            oneHot.putScalar(i, (long) v, 1.0);
        }
        return oneHot;
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return CategoricalCrossentropy.crossentropy(oneHot(yTrue, pred), pred, fromLogits());
    }
}
