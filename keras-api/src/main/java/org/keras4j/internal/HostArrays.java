package org.keras4j.internal;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Bulk copies between ND4J arrays in host memory and Java arrays ({@code float[]} both ways,
 * {@code double[]} for reading), in row-major order: one native copy each, where ND4J's own
 * accessors cost an operation or an element at a time.
 *
 * <pre>{@code
 * float[] x = HostArrays.readFloats(features, null);
 * HostArrays.write(gradient, network.getFlattenedGradients());
 * }</pre>
 */
public final class HostArrays {

    private HostArrays() {
    }

    /**
     * The values of {@code array} in row-major order, in {@code reuse} when it has the right
     * length, else in a new array.
     */
    public static double[] read(INDArray array, double[] reuse) {
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
     * The values of {@code array} in row-major order as floats, in {@code reuse} when it has the
     * right length, else in a new array: one copy, no conversion, for a FLOAT array.
     */
    public static float[] readFloats(INDArray array, float[] reuse) {
        INDArray src = rowMajorContiguous(array) && array.dataType() == DataType.FLOAT ? array
                : array.castTo(DataType.FLOAT).dup('c');
        int n = Math.toIntExact(src.length());
        float[] out = reuse != null && reuse.length == n ? reuse : new float[n];
        try {
            new FloatPointer(src.data().addressPointer()).get(out, 0, n); // a view's buffer starts at the view
        } finally {
            Reference.reachabilityFence(src);
        }
        return out;
    }

    /**
     * Writes {@code values} into {@code target}, a contiguous FLOAT array in host memory whose
     * row-major order is its memory order.
     *
     * @throws IllegalArgumentException if the lengths differ, {@code target} is not contiguous or not FLOAT
     */
    public static void write(float[] values, INDArray target) {
        if (target.length() != values.length || !rowMajorContiguous(target) || target.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("target must be a contiguous FLOAT array of " + values.length
                    + " values, got " + target.dataType() + " shape " + java.util.Arrays.toString(target.shape())
                    + " order " + target.ordering());
        }
        try {
            new FloatPointer(target.data().addressPointer()).put(values, 0, values.length);
        } finally {
            Reference.reachabilityFence(target);
        }
    }

    /** True when the memory order of {@code a} is its row-major order, with no gaps. */
    public static boolean rowMajorContiguous(INDArray a) {
        if (a.isEmpty()) {
            return true;
        }
        if (a.isVector() || a.isScalar()) {
            return a.length() == 1 || a.elementWiseStride() == 1;
        }
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }
}
