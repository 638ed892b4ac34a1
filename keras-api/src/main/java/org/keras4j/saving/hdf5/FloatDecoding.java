package org.keras4j.saving.hdf5;

import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** IEEE half, single and double precision values, in either byte order, to Java floats. */
final class FloatDecoding {
    private FloatDecoding() {
    }

    /** @throws Malformed unless {@code type} is an IEEE 754 binary16, binary32 or binary64 layout */
    static void requireIeee(FloatingPoint type) {
        int size = type.getSize();
        int mantissa = size == 2 ? 10 : size == 4 ? 23 : size == 8 ? 52 : -1;
        int exponent = size == 2 ? 5 : size == 4 ? 8 : 11;
        boolean ieee = mantissa > 0
                && type.getMantissaSize() == mantissa && type.getMantissaLocation() == 0
                && type.getExponentSize() == exponent && type.getExponentLocation() == mantissa
                && type.getExponentBias() == (1 << (exponent - 1)) - 1
                && type.getSignLocation() == 8 * size - 1
                && type.getBitOffset() == 0 && type.getBitPrecision() == 8 * size;
        if (!ieee) {
            throw new Malformed("its values are " + size + "-byte floats in a layout other than IEEE 754 (mantissa "
                    + type.getMantissaSize() + " bits, exponent " + type.getExponentSize() + " bits, bias "
                    + type.getExponentBias() + ")");
        }
    }

    /** Decodes {@code count} values of {@code size} bytes starting at byte {@code from} of {@code src}. */
    static void decode(ByteBuffer src, int from, ByteOrder order, int size, float[] dst, int at, int count) {
        ByteBuffer view = src.duplicate().order(order);
        view.position(from);
        switch (size) {
            case 4 -> view.asFloatBuffer().get(dst, at, count);
            case 8 -> {
                var doubles = view.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = (float) doubles.get(i);
                }
            }
            case 2 -> {
                var halves = view.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[at + i] = halfToFloat(halves.get(i));
                }
            }
            default -> throw new IllegalStateException("unchecked float size " + size);
        }
    }

    /** IEEE binary16 to float, exactly (Java 17 lacks {@code Float.float16ToFloat}). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = bits >>> 15;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f; // zero or subnormal
        } else if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat((exponent + 112) << 23 | mantissa << 13);
        }
        return sign == 0 ? magnitude : -magnitude;
    }
}
