package org.keras4j.internal.dl4j.jvm;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Bulk copies between ND4J arrays in host memory and {@code double[]}, in row-major order: one
 * native copy each, where ND4J's own accessors cost an operation or an element at a time.
 *
 * <pre>{@code
 * double[] x = ArrayIo.read(features, null);
 * ArrayIo.write(gradient, network.getFlattenedGradients());
 * }</pre>
 */
final class ArrayIo {

    private ArrayIo() {
    }

    /**
     * The values of {@code array} in row-major order, in {@code reuse} when it has the right
     * length, else in a new array.
     */
    static double[] read(INDArray array, double[] reuse) {
        INDArray src = rowMajorContiguous(array) ? array : array.dup('c');
        int n = Math.toIntExact(src.length());
        double[] out = reuse != null && reuse.length == n ? reuse : new double[n];
        if (src.dataType() != DataType.DOUBLE && src.dataType() != DataType.FLOAT) {
            return read(array.castTo(DataType.DOUBLE), reuse);
        }
        try {
            Pointer address = src.data().addressPointer(); // a view's buffer already starts at the view
            if (src.dataType() == DataType.DOUBLE) {
                new DoublePointer(address).get(out, 0, n);
            } else {
                float[] values = new float[n];
                new FloatPointer(address).get(values, 0, n);
                for (int i = 0; i < n; i++) {
                    out[i] = values[i];
                }
            }
        } finally {
            Reference.reachabilityFence(src); // the pointer carries only the address: a collection would free it
        }
        return out;
    }

    /**
     * Writes {@code values} into {@code target}, a contiguous FLOAT or DOUBLE array in host memory
     * whose row-major order is its memory order.
     *
     * @throws IllegalArgumentException if the lengths differ or {@code target} is not contiguous
     */
    static void write(double[] values, INDArray target) {
        if (target.length() != values.length || !rowMajorContiguous(target)) {
            throw new IllegalArgumentException("target must be a contiguous array of " + values.length
                    + " values, got shape " + java.util.Arrays.toString(target.shape()) + " order " + target.ordering());
        }
        if (target.dataType() != DataType.DOUBLE && target.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("target must be FLOAT or DOUBLE, got " + target.dataType());
        }
        try {
            Pointer address = target.data().addressPointer();
            if (target.dataType() == DataType.DOUBLE) {
                new DoublePointer(address).put(values, 0, values.length);
            } else {
                float[] floats = toFloats(values);
                new FloatPointer(address).put(floats, 0, floats.length);
            }
        } finally {
            Reference.reachabilityFence(target);
        }
    }

    /** {@code values} rounded to float. */
    static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** True when the memory order of {@code a} is its row-major order, with no gaps. */
    static boolean rowMajorContiguous(INDArray a) {
        if (a.isEmpty()) {
            return true;
        }
        if (a.isVector() || a.isScalar()) {
            return a.length() == 1 || a.elementWiseStride() == 1;
        }
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }
}
