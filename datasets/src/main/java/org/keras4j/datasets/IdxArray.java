package org.keras4j.datasets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The content of one IDX file (the format of MNIST and Fashion-MNIST): an element type, a shape and the values.
 *
 * <p>Values are kept as the file stores them, big-endian bytes; {@link #toINDArray()} converts them to an ND4J array
 * of the matching type ({@code UNSIGNED_BYTE} becomes {@link DataType#UINT8}, printed {@code UBYTE}, values 0 to
 * 255). Read and write it with {@link Idx}. Immutable.
 *
 * <pre>{@code
 * IdxArray labels = IdxArray.ofUnsignedBytes(new byte[] {3, 1, 4}, 3);
 * Idx.write(labels, Path.of("labels-idx1-ubyte.gz"));
 * INDArray y = Idx.read(Path.of("labels-idx1-ubyte.gz")).toINDArray();   // UBYTE [3]
 * }</pre>
 */
public final class IdxArray {

    /** The IDX element types, with the type code of the file header's third byte. */
    public enum Type {
        /** {@code 0x08}: unsigned byte, 0 to 255 (MNIST pixels and labels). */
        UNSIGNED_BYTE(0x08, 1, DataType.UINT8),
        /** {@code 0x09}: signed byte. */
        BYTE(0x09, 1, DataType.INT8),
        /** {@code 0x0B}: 16-bit signed integer. */
        SHORT(0x0B, 2, DataType.INT16),
        /** {@code 0x0C}: 32-bit signed integer. */
        INT(0x0C, 4, DataType.INT32),
        /** {@code 0x0D}: 32-bit float. */
        FLOAT(0x0D, 4, DataType.FLOAT),
        /** {@code 0x0E}: 64-bit float. */
        DOUBLE(0x0E, 8, DataType.DOUBLE);

        private final int code;
        private final int bytes;
        private final DataType dataType;

        Type(int code, int bytes, DataType dataType) {
            this.code = code;
            this.bytes = bytes;
            this.dataType = dataType;
        }

        /** The type code in the header, e.g. {@code 0x08}. */
        public int code() {
            return code;
        }

        /** The size of one value in bytes. */
        public int bytes() {
            return bytes;
        }

        /** The ND4J type {@link IdxArray#toINDArray()} returns. */
        public DataType dataType() {
            return dataType;
        }

        /** The type with this header code, or {@code null}. */
        static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }

        /** The type an ND4J array is written as. */
        static Type of(DataType dataType) {
            for (Type t : values()) {
                if (t.dataType == dataType) {
                    return t;
                }
            }
            throw new IllegalArgumentException("an IDX file cannot hold " + dataType + " values; expected one of "
                    + Arrays.stream(values()).map(t -> t.dataType.toString()).toList());
        }
    }

    /** The largest payload one Java array holds. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final Type type;
    private final int[] shape;
    private final byte[] data;

    private IdxArray(Type type, int[] shape, byte[] data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /**
     * An array of unsigned bytes (each value 0 to 255, stored as Java's signed {@code byte}).
     *
     * @param values the values in row-major order
     * @param shape  the dimensions, 1 to 255 of them, each at least 0
     * @throws IllegalArgumentException if {@code values.length} is not the product of {@code shape}
     */
    public static IdxArray ofUnsignedBytes(byte[] values, int... shape) {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        long count = count(checkShape(shape));
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " values, got " + values.length);
        }
        return new IdxArray(Type.UNSIGNED_BYTE, shape.clone(), values.clone());
    }

    /**
     * An IDX array with the values of an ND4J array, in row-major order.
     *
     * @param array a {@code UBYTE}, {@code INT8}, {@code INT16}, {@code INT32}, {@code FLOAT} or {@code DOUBLE} array
     * @throws IllegalArgumentException if the type has no IDX equivalent or the array is a scalar or too large
     */
    public static IdxArray of(INDArray array) {
        if (array == null) {
            throw new IllegalArgumentException("array must not be null");
        }
        Type type = Type.of(array.dataType());
        if (array.rank() == 0) {
            throw new IllegalArgumentException("an IDX file needs at least one dimension, got a scalar");
        }
        long[] longShape = array.shape();
        int[] shape = new int[longShape.length];
        for (int i = 0; i < shape.length; i++) {
            if (longShape[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("IDX dimensions are 32-bit, got shape "
                        + Arrays.toString(longShape));
            }
            shape[i] = (int) longShape[i];
        }
        long bytes = count(checkShape(shape)) * type.bytes;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("array of " + bytes + " bytes is too large, at most " + MAX_BYTES);
        }
        INDArray c = array.dup('c');
        ByteBuffer out = ByteBuffer.allocate((int) bytes);   // big-endian, as IDX requires
        switch (type) {
            case UNSIGNED_BYTE, BYTE -> out.put(c.data().asBytes());
            case SHORT -> {
                for (int v : c.data().asInt()) {
                    out.putShort((short) v);
                }
            }
            case INT -> {
                for (int v : c.data().asInt()) {
                    out.putInt(v);
                }
            }
            case FLOAT -> out.asFloatBuffer().put(c.data().asFloat());
            case DOUBLE -> out.asDoubleBuffer().put(c.data().asDouble());
            default -> throw new AssertionError(type);
        }
        return new IdxArray(type, shape, out.array());
    }

    /** Wraps a payload read from a file; the caller checked its length. */
    static IdxArray wrap(Type type, int[] shape, byte[] data) {
        return new IdxArray(type, shape, data);
    }

    /** The element type. */
    public Type type() {
        return type;
    }

    /** The dimensions, e.g. {@code [60000, 28, 28]} for MNIST's training images. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of values, the product of the shape. */
    public long count() {
        return count(shape);
    }

    /** The payload as stored in the file: big-endian values in row-major order. A copy. */
    public byte[] bytes() {
        return data.clone();
    }

    /** The payload without a copy, for this package's loaders. */
    byte[] data() {
        return data;
    }

    /**
     * The values as an ND4J array of {@link Type#dataType()} and the same shape (row-major); unsigned bytes become a
     * {@code UBYTE} array with values 0 to 255.
     */
    public INDArray toINDArray() {
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        if (count() == 0) {
            return Nd4j.create(type.dataType, longShape);
        }
        // write straight into the array's native memory: no temporary Java array, no extra pass
        INDArray out = Nd4j.createUninitialized(type.dataType, longShape);
        ByteBuffer target = out.data().asNio().order(ByteOrder.nativeOrder());
        ByteBuffer in = ByteBuffer.wrap(data);   // big-endian; the typed views below convert the byte order
        switch (type) {
            case UNSIGNED_BYTE, BYTE -> target.put(data);
            case SHORT -> target.asShortBuffer().put(in.asShortBuffer());
            case INT -> target.asIntBuffer().put(in.asIntBuffer());
            case FLOAT -> target.asFloatBuffer().put(in.asFloatBuffer());
            case DOUBLE -> target.asDoubleBuffer().put(in.asDoubleBuffer());
            default -> throw new AssertionError(type);
        }
        return out;
    }

    static int[] checkShape(int[] shape) {
        if (shape == null || shape.length == 0 || shape.length > 255) {
            throw new IllegalArgumentException("shape must have 1 to 255 dimensions, got "
                    + (shape == null ? null : Arrays.toString(shape)));
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape must not have a negative dimension, got "
                        + Arrays.toString(shape));
            }
        }
        return shape;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray other && type == other.type && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray[" + type + " " + Arrays.toString(shape) + "]";
    }
}
