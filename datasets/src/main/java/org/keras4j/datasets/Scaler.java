package org.keras4j.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-column rescaling learned from training data, as scikit-learn's preprocessing scalers.
 *
 * <p>Fit on the training features only, then transform both training and test features with what was learned, so no
 * statistic of the test rows leaks into training. Inputs are matrices {@code [n, f]}; outputs have the input's shape
 * and data type.
 *
 * <pre>{@code
 * Scaler scaler = new StandardScaler();
 * INDArray xTrain = scaler.fitTransform(split.train().x());
 * INDArray xTest = scaler.transform(split.test().x());
 * }</pre>
 */
public interface Scaler {

    /**
     * Learns the per-column statistics of {@code x} and returns this scaler.
     *
     * @throws IllegalArgumentException if {@code x} is not a non-empty matrix or holds NaN or infinite values
     */
    Scaler fit(INDArray x);

    /**
     * Rescales {@code x} with the statistics learned by {@link #fit}; returns a new array.
     *
     * @throws IllegalStateException    if the scaler has not been fit
     * @throws IllegalArgumentException if {@code x} is not a matrix with the fitted number of columns
     */
    INDArray transform(INDArray x);

    /**
     * Undoes {@link #transform}: maps scaled values back to the original units; returns a new array.
     *
     * @throws IllegalStateException    if the scaler has not been fit
     * @throws IllegalArgumentException if {@code x} is not a matrix with the fitted number of columns
     */
    INDArray inverseTransform(INDArray x);

    /** {@link #fit} then {@link #transform} on the same data. */
    default INDArray fitTransform(INDArray x) {
        return fit(x).transform(x);
    }
}
