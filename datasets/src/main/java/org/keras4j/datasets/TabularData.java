package org.keras4j.datasets;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Numeric features and a numeric target, row for row: what a regression model is fit on.
 *
 * <p>{@code x} is {@code [n, f]} and {@code y} is {@code [n, 1]} (or {@code [n, t]} for several targets), both float.
 * {@code featureNames} name the columns of {@code x} in order; {@code targetName} names {@code y}.
 *
 * <pre>{@code
 * TabularData data = TabularCsv.read(Path.of("concrete_data.csv"), "Strength");
 * TrainTest<TabularData> split = Split.trainTest(data, 0.3, 42);
 * model.fit(split.train().x(), split.train().y(), 100);
 * }</pre>
 *
 * @param x            features {@code [n, f]}
 * @param y            targets {@code [n, 1]}
 * @param featureNames one name per column of {@code x}
 * @param targetName   the name of the target column
 */
public record TabularData(INDArray x, INDArray y, List<String> featureNames, String targetName) {

    /**
     * Checks the shapes and copies the names.
     *
     * @throws IllegalArgumentException if {@code x} or {@code y} is not a matrix, their row counts differ, or
     *                                  {@code featureNames} does not have one name per column of {@code x}
     */
    public TabularData {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException("x must be a matrix [n, features], got shape " + shape(x));
        }
        if (y.rank() != 2) {
            throw new IllegalArgumentException("y must be a matrix [n, 1], got shape " + shape(y));
        }
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x and y must have the same number of rows, got x " + shape(x)
                    + " and y " + shape(y));
        }
        if (featureNames == null || featureNames.size() != x.columns()) {
            throw new IllegalArgumentException("featureNames must have one name per column of x (" + x.columns()
                    + "), got " + featureNames);
        }
        featureNames = List.copyOf(featureNames);
        if (targetName == null) {
            throw new IllegalArgumentException("targetName must not be null");
        }
    }

    /**
     * Wraps arrays that have no column names: features are named {@code x0, x1, ...} and the target {@code y}.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static TabularData of(INDArray x, INDArray y) {
        if (x == null || x.rank() != 2) {
            throw new IllegalArgumentException("x must be a matrix [n, features], got "
                    + (x == null ? "null" : "shape " + shape(x)));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < x.columns(); c++) {
            names.add("x" + c);
        }
        return new TabularData(x, y, names, "y");
    }

    /** The number of rows (samples). */
    public int numRows() {
        return x.rows();
    }

    /** The number of feature columns. */
    public int numFeatures() {
        return x.columns();
    }

    /**
     * A copy of the given rows, in the given order.
     *
     * @throws IllegalArgumentException if {@code indices} is empty or an index is out of range
     */
    public TabularData rows(int[] indices) {
        Split.checkIndices(indices, numRows());
        return new TabularData(x.getRows(indices), y.getRows(indices), featureNames, targetName);
    }

    /** The same data as an ND4J {@link DataSet} (features {@code x}, labels {@code y}). */
    public DataSet toDataSet() {
        return new DataSet(x, y);
    }

    static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
