package org.keras4j;

import java.util.Arrays;

/**
 * The shape of one sample, batch dimension excluded, as Keras writes {@code input_shape}.
 *
 * <p>{@code Shape.of(28, 28, 1)} is one 28x28 single-channel image; printed with the batch
 * dimension it reads {@code (None, 28, 28, 1)}.
 */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /**
     * A shape from its dimensions.
     *
     * @throws IllegalArgumentException if there are no dimensions or one is not positive
     */
    public static Shape of(long... dims) {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension, got none");
        }
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** The shape of one sample of an array whose first dimension is the batch. */
    public static Shape ofSample(long[] arrayShape) {
        if (arrayShape.length < 2) {
            return of(1);
        }
        return of(Arrays.copyOfRange(arrayShape, 1, arrayShape.length));
    }

    public int rank() {
        return dims.length;
    }

    public long get(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    /** The last dimension (features, units or channels). */
    public long last() {
        return dims[dims.length - 1];
    }

    /** Number of values in one sample. */
    public long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public long[] dims() {
        return dims.clone();
    }

    /** The array shape of a batch of {@code batchSize} samples. */
    public long[] withBatch(long batchSize) {
        long[] s = new long[dims.length + 1];
        s[0] = batchSize;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Keras's notation, batch included: {@code (None, 28, 28, 1)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(None");
        for (long d : dims) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    /** The sample shape alone: {@code [28, 28, 1]}. */
    public String toSampleString() {
        return Arrays.toString(dims);
    }
}
