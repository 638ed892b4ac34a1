package org.keras4j.saving;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J array in its binary form ({@code Nd4j.write}), checked before ND4J sees it: {@code Nd4j.read} allocates
 * whatever length the bytes declare, so the declared shape and length must agree with each other and with the bytes
 * that actually follow. The form is two buffers, each {@code writeUTF(allocation mode)}, a length ({@code int} for the
 * three oldest modes, else {@code long}), {@code writeUTF(data type)} and the values: first the shape information
 * ({@code rank, shape..., strides..., extras, element stride, order}), then the data.
 *
 * <pre>{@code
 * StoredArray stored = StoredArray.parse(bytes);     // throws IllegalArgumentException saying what is wrong
 * if (stored.length() == expected) { INDArray a = stored.toINDArray(); }
 * }</pre>
 */
public final class StoredArray {
    /** An upper bound of everything but the values: two headers and the shape information of rank 32. */
    public static final int MAX_OVERHEAD = 1024;
    /** The widest value a stored parameter array holds ({@code DOUBLE}). */
    public static final int MAX_WIDTH = 8;
    /** The narrowest ({@code HALF}, {@code BFLOAT16}). */
    public static final int MIN_WIDTH = 2;

    private static final int MAX_RANK = 32;

    private final byte[] bytes;
    private final DataType type;
    private final long[] shape;
    private final long length;

    private StoredArray(byte[] bytes, DataType type, long[] shape, long length) {
        this.bytes = bytes;
        this.type = type;
        this.shape = shape;
        this.length = length;
    }

    /** The most bytes an array of {@code length} floating-point values takes in this form (saturating). */
    public static long maxBytes(long length) {
        return length > (Long.MAX_VALUE - MAX_OVERHEAD) / MAX_WIDTH ? Long.MAX_VALUE : length * MAX_WIDTH + MAX_OVERHEAD;
    }

    /**
     * Checks the headers of {@code bytes} without allocating anything of their declared size.
     *
     * @throws IllegalArgumentException saying which part is wrong: unknown mode or type, a non-floating-point type,
     *                                  a shape that does not match the length, or a length the bytes do not hold
     */
    public static StoredArray parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Header shapeHeader = header(in, "shape information");
            if (shapeHeader.type != DataType.LONG || shapeHeader.length < 4 || shapeHeader.length > 2 * MAX_RANK + 4) {
                throw new IllegalArgumentException("its shape information declares " + shapeHeader.length + " "
                        + shapeHeader.type + " values, expected 4 to " + (2 * MAX_RANK + 4) + " LONG values");
            }
            long rank = in.readLong();
            if (rank < 0 || rank > MAX_RANK || shapeHeader.length != 2 * rank + 4) {
                throw new IllegalArgumentException("its shape information declares rank " + rank + " in "
                        + shapeHeader.length + " values, expected a rank of 0 to " + MAX_RANK + " in 2 * rank + 4 values");
            }
            long[] shape = new long[(int) rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readLong();
                count = shape[i] < 0 ? -1 : multiplyOrMinusOne(count, shape[i]);
                if (count < 0) {
                    throw new IllegalArgumentException("its shape " + Arrays.toString(Arrays.copyOf(shape, i + 1))
                            + " is negative or too large");
                }
            }
            in.skipNBytes(8L * (shapeHeader.length - 1 - rank));
            Header data = header(in, "data");
            if (!data.type.isFPType()) {
                throw new IllegalArgumentException("its data type is " + data.type + ", expected floating point");
            }
            if (data.length != count) {
                throw new IllegalArgumentException("its data declares " + data.length + " values, its shape "
                        + Arrays.toString(shape) + " holds " + count);
            }
            long follow = in.available();
            long need = multiplyOrMinusOne(data.length, data.type.width());
            if (need != follow) {
                throw new IllegalArgumentException("it declares " + data.length + " " + data.type + " values ("
                        + (need < 0 ? "more than " + Long.MAX_VALUE : need) + " bytes) but " + follow + " bytes follow");
            }
            return new StoredArray(bytes, data.type, shape, data.length);
        } catch (IOException e) { // EOFException, UTFDataFormatException: the headers are cut or garbled
            throw new IllegalArgumentException("its header is truncated or garbled (" + e + ")");
        }
    }

    /** The number of values. */
    public long length() {
        return length;
    }

    public DataType dataType() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The array; allocates exactly the checked number of values. */
    public INDArray toINDArray() {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("reading checked bytes from memory failed", e);
        }
    }

    private record Header(long length, DataType type) {
    }

    private static Header header(DataInputStream in, String what) throws IOException {
        String modeName = in.readUTF();
        DataBuffer.AllocationMode mode;
        try {
            mode = DataBuffer.AllocationMode.valueOf(modeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + what + " has the unknown allocation mode '" + modeName + "'");
        }
        long length = mode.ordinal() < 3 ? in.readInt() : in.readLong(); // as BaseDataBuffer.readHeader
        String typeName = in.readUTF();
        DataType type;
        try {
            type = DataType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + what + " has the unknown data type '" + typeName + "'");
        }
        if (length < 0) {
            throw new IllegalArgumentException("its " + what + " declares the negative length " + length);
        }
        return new Header(length, type);
    }

    private static long multiplyOrMinusOne(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
