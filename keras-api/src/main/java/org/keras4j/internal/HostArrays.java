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

    /**
     * Reads the values of {@code src}, a contiguous FLOAT array in host memory, into the start of
     * {@code dst}, which may be longer (a buffer reused across calls of different sizes).
     *
     * @throws IllegalArgumentException if {@code src} is not contiguous FLOAT or longer than {@code dst}
     */
    public static void readInto(INDArray src, float[] dst) {
        checkContiguousFloat(src, dst.length, "src");
        try {
            new FloatPointer(src.data().addressPointer()).get(dst, 0, (int) src.length());
        } finally {
            Reference.reachabilityFence(src);
        }
    }

    /**
     * Writes the first {@code target.length()} values of {@code src} into {@code target}, a
     * contiguous FLOAT array in host memory.
     *
     * @throws IllegalArgumentException if {@code target} is not contiguous FLOAT or longer than {@code src}
     */
    public static void writeFrom(float[] src, INDArray target) {
        checkContiguousFloat(target, src.length, "target");
        try {
            new FloatPointer(target.data().addressPointer()).put(src, 0, (int) target.length());
        } finally {
            Reference.reachabilityFence(target);
        }
    }

    private static void checkContiguousFloat(INDArray a, int maxLength, String name) {
        if (a.length() > maxLength || !rowMajorContiguous(a) || a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(name + " must be a contiguous FLOAT array of at most " + maxLength
                    + " values, got " + a.dataType() + " shape " + java.util.Arrays.toString(a.shape())
                    + " order " + a.ordering());
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
        if (a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a)) {
            return true;
        }
        // ND4J reports no default strides for some shapes with unit axes ([1, 5, 7, 1]); their strides do not matter
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1) {
                if (a.stride(i) != expected) {
                    return false;
                }
                expected *= a.size(i);
            }
        }
        return true;
    }
}
