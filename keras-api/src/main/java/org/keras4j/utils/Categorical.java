package org.keras4j.utils;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-hot encoding of class labels, as Keras's {@code keras.utils.to_categorical}, and its
 * inverse.
 *
 * <pre>{@code
 * INDArray y = Nd4j.createFromArray(0, 2, 1);
 * INDArray oneHot = Categorical.toCategorical(y, 3);   // [[1,0,0], [0,0,1], [0,1,0]]
 * INDArray back = Categorical.fromCategorical(oneHot); // [0, 2, 1] (int64)
 * }</pre>
 */
public final class Categorical {
    private Categorical() {
    }

    /**
     * One-hot encodes class indices. As in Keras, the output shape is the labels' shape (without
     * a trailing axis of size 1) plus {@code [numClasses]}: {@code [n]} or {@code [n, 1]} gives
     * {@code [n, numClasses]}, {@code [n, t]} gives {@code [n, t, numClasses]}. The result is
     * floating point: the labels' type if they are floating point, else ND4J's default float type.
     *
     * @param labels class indices 0..numClasses-1, integer valued, of any numeric type
     * @param numClasses the number of classes; {@code <= 0} infers {@code max(labels) + 1}
     * @throws IllegalArgumentException if labels are null or empty, or a label is negative, not
     *     an integer, or not below {@code numClasses}
     */
    public static INDArray toCategorical(INDArray labels, int numClasses) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("toCategorical labels must be a non-empty array of class indices, got "
                    + (labels == null ? "null" : "an empty array"));
        }
        double[] values = Nd4j.toFlattened('c', labels).castTo(DataType.DOUBLE).toDoubleVector();
        long max = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0) || v != Math.rint(v)) {
                throw new IllegalArgumentException("toCategorical labels must be integer class indices >= 0, got "
                        + v + " at flat index " + i);
            }
            max = Math.max(max, (long) v);
        }
        long classes = numClasses > 0 ? numClasses : max + 1;
        if (max >= classes) {
            int at = 0;
            while (values[at] < classes) {
                at++;
            }
            throw new IllegalArgumentException("toCategorical labels must be below numClasses=" + classes + ", got "
                    + (long) values[at] + " at flat index " + at + "; pass numClasses <= 0 to infer it");
        }
        if ((long) values.length * classes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("toCategorical output of " + values.length + " x " + classes
                    + " values is too large for one array");
        }
        double[] oneHot = new double[values.length * (int) classes];
        for (int i = 0; i < values.length; i++) {
            oneHot[i * (int) classes + (int) values[i]] = 1.0;
        }
        DataType type = labels.dataType().isFPType() ? labels.dataType() : Nd4j.defaultFloatingPointType();
        return Nd4j.create(oneHot, outputShape(labels.shape(), classes), type);
    }

    /**
     * Class indices from one-hot rows or class scores: the argmax over the last axis, as int64.
     * {@code [n, numClasses]} gives {@code [n]}; {@code [n, t, numClasses]} gives {@code [n, t]}.
     *
     * @throws IllegalArgumentException if {@code oneHot} is null, empty or a scalar
     */
    public static INDArray fromCategorical(INDArray oneHot) {
        if (oneHot == null || oneHot.isEmpty() || oneHot.rank() < 1) {
            throw new IllegalArgumentException("fromCategorical expects an array of rank >= 1 with classes on the last"
                    + " axis, got " + (oneHot == null ? "null" : "shape " + Arrays.toString(oneHot.shape())));
        }
        INDArray indices = Nd4j.argMax(oneHot, oneHot.rank() - 1).castTo(DataType.LONG);
        long[] shape = Arrays.copyOf(oneHot.shape(), oneHot.rank() - 1);
        return shape.length == 0 ? indices.reshape() : indices.reshape(shape);
    }

    private static long[] outputShape(long[] labelShape, long classes) {
        int keep = labelShape.length > 1 && labelShape[labelShape.length - 1] == 1
                ? labelShape.length - 1 : labelShape.length;
        long[] out = Arrays.copyOf(labelShape, keep + 1);
        out[keep] = classes;
        return out;
    }
}
