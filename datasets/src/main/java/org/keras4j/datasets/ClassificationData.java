package org.keras4j.datasets;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numeric (e.g. one-hot encoded) features and a class label per row: what a classifier is fit on.
 *
 * <p>{@code x()} is {@code [n, f]} float; {@code y()} holds class indices {@code [n, 1]} (float values
 * {@code 0 .. k-1}, for {@code sparse_categorical_crossentropy}); {@code yOneHot()} is the same labels one-hot
 * {@code [n, k]} (for {@code categorical_crossentropy}). Class {@code i} is {@code labelNames().get(i)}.
 *
 * <pre>{@code
 * ClassificationData car = CarEvaluation.load();
 * TrainTest<ClassificationData> split = Split.trainTest(car, 0.3, 42);
 * model.fit(split.train().x(), split.train().yOneHot(), 20);
 * }</pre>
 */
public final class ClassificationData {

    private final INDArray x;
    private final INDArray y;
    private final INDArray yOneHot;
    private final List<String> featureNames;
    private final List<String> labelNames;

    /**
     * @param x            features {@code [n, f]}
     * @param y            class indices {@code [n, 1]}, each an integer in {@code [0, labelNames.size())}
     * @param featureNames one name per column of {@code x}
     * @param labelNames   the class names, in class-index order
     * @throws IllegalArgumentException if a shape does not match, a name list has the wrong size, or a label is not
     *                                  a valid class index
     */
    public ClassificationData(INDArray x, INDArray y, List<String> featureNames, List<String> labelNames) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException("x must be a matrix [n, features], got shape " + TabularData.shape(x));
        }
        if (y.rank() != 2 || y.columns() != 1) {
            throw new IllegalArgumentException("y must hold class indices [n, 1], got shape " + TabularData.shape(y));
        }
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x and y must have the same number of rows, got x "
                    + TabularData.shape(x) + " and y " + TabularData.shape(y));
        }
        if (featureNames == null || featureNames.size() != x.columns()) {
            throw new IllegalArgumentException("featureNames must have one name per column of x (" + x.columns()
                    + "), got " + featureNames);
        }
        if (labelNames == null || labelNames.isEmpty()) {
            throw new IllegalArgumentException("labelNames must name at least one class, got " + labelNames);
        }
        int k = labelNames.size();
        int n = y.rows();
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            double label = y.getDouble(i, 0);
            if (label != Math.rint(label) || label < 0 || label >= k) {
                throw new IllegalArgumentException("y[" + i + "] must be a class index in [0, " + k + "), got "
                        + label);
            }
            oneHot.putScalar(i, (int) label, 1f);
        }
        this.x = x;
        this.y = y;
        this.yOneHot = oneHot;
        this.featureNames = List.copyOf(featureNames);
        this.labelNames = List.copyOf(labelNames);
    }

    /** Features {@code [n, f]}. */
    public INDArray x() {
        return x;
    }

    /** Class indices {@code [n, 1]}. */
    public INDArray y() {
        return y;
    }

    /** Labels one-hot {@code [n, k]}, column {@code i} for {@code labelNames().get(i)}. */
    public INDArray yOneHot() {
        return yOneHot;
    }

    /** One name per column of {@code x}, e.g. {@code buying[vhigh]} for a one-hot column. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names in index order. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The number of classes {@code k}. */
    public int numClasses() {
        return labelNames.size();
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
    public ClassificationData rows(int[] indices) {
        Split.checkIndices(indices, numRows());
        return new ClassificationData(x.getRows(indices), y.getRows(indices), featureNames, labelNames);
    }

    /** The same data as an ND4J {@link DataSet} with one-hot labels, as DL4J's output layers expect. */
    public DataSet toDataSet() {
        return new DataSet(x, yOneHot);
    }

    @Override
    public String toString() {
        return "ClassificationData[x=" + TabularData.shape(x) + ", classes=" + labelNames + ", features="
                + featureNames + "]";
    }
}
