package org.keras4j.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared part of the scalers: argument checks, and statistics computed in double precision whatever the input
 * type, so float data loses no accuracy in the sums.
 *
 * <p>A subclass learns a {@code shift} and a {@code divisor} per column; transform is {@code (x - shift) / divisor}.
 */
abstract class ColumnScaler implements Scaler {

    private INDArray shift;    // [1, f] double
    private INDArray divisor;  // [1, f] double

    /** Computes {@code {shift, divisor}} from a checked double matrix. */
    abstract double[][] learn(INDArray x);

    @Override
    public Scaler fit(INDArray x) {
        checkMatrix(x, "x");
        if (x.rows() == 0) {
            throw new IllegalArgumentException("x must have at least one row to fit on, got shape "
                    + TabularData.shape(x));
        }
        INDArray xd = x.castTo(DataType.DOUBLE);
        // one pass to find non-finite values: sums are NaN exactly when a column holds NaN or +-Infinity
        double[] sums = xd.sum(0).toDoubleVector();
        for (int c = 0; c < sums.length; c++) {
            if (!Double.isFinite(sums[c]) && !columnIsFinite(xd, c)) {
                throw new IllegalArgumentException("x column " + c + " contains NaN or infinite values;"
                        + " remove or impute them before fitting a scaler");
            }
        }
        double[][] learned = learn(xd);
        shift = Nd4j.createFromArray(learned[0]).reshape(1, learned[0].length);
        divisor = Nd4j.createFromArray(learned[1]).reshape(1, learned[1].length);
        return this;
    }

    private static boolean columnIsFinite(INDArray xd, int c) {
        for (int r = 0; r < xd.rows(); r++) {
            if (!Double.isFinite(xd.getDouble(r, c))) {
                return false;
            }
        }
        return true; // only the sum overflowed
    }

    @Override
    public INDArray transform(INDArray x) {
        checkFitted(x);
        return x.castTo(DataType.DOUBLE).subRowVector(shift).divRowVector(divisor).castTo(x.dataType());
    }

    @Override
    public INDArray inverseTransform(INDArray x) {
        checkFitted(x);
        return x.castTo(DataType.DOUBLE).mulRowVector(divisor).addRowVector(shift).castTo(x.dataType());
    }

    /** The number of columns the scaler was fit on. */
    public int numFeatures() {
        requireFitted();
        return (int) shift.length();
    }

    void requireFitted() {
        if (shift == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not fitted yet: call fit(xTrain) first");
        }
    }

    private void checkFitted(INDArray x) {
        requireFitted();
        checkMatrix(x, "x");
        if (x.columns() != shift.length()) {
            throw new IllegalArgumentException("x must have " + shift.length() + " columns, as the data the "
                    + getClass().getSimpleName() + " was fit on, got shape " + TabularData.shape(x));
        }
    }

    private static void checkMatrix(INDArray x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix [n, features], got shape "
                    + TabularData.shape(x));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(name + " must hold floating-point values, got " + x.dataType());
        }
    }
}
