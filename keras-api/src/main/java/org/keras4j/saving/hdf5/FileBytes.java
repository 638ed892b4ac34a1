package org.keras4j.saving.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The whole file's bytes for this package's own checks: bounds-checked little-endian reads at absolute positions,
 * so that a structure's declared sizes are compared with the file before anything of that size is touched.
 * Addresses inside HDF5 are relative to the superblock's base address ({@link #at}).
 */
final class FileBytes {
    private final ByteBuffer bytes;
    private final long base;
    private final int offsetSize;
    private final int lengthSize;

    FileBytes(ByteBuffer bytes, long base, int offsetSize, int lengthSize) {
        this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.base = base;
        this.offsetSize = offsetSize;
        this.lengthSize = lengthSize;
    }

    long size() {
        return bytes.capacity();
    }

    int offsetSize() {
        return offsetSize;
    }

    int lengthSize() {
        return lengthSize;
    }

    /** The absolute position of an HDF5 address. */
    long at(long address) {
        return base + address;
    }

    /** True for the "undefined address" (all bits set in the file's offset width). */
    boolean isUndefined(long address) {
        return offsetSize >= 8 ? address == -1L : address == (1L << (8 * offsetSize)) - 1;
    }

    /**
     * @throws Malformed if {@code length} bytes at {@code position} are not all inside the file
     */
    void require(long position, long length, String what) {
        if (position < 0 || length < 0 || position > size() - length) {
            throw new Malformed(what + " (" + length + " bytes at offset " + position
                    + ") lies beyond the end of the file (" + size() + " bytes)");
        }
    }

    boolean hasSignature(long position, String signature) {
        if (position < 0 || position > size() - signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if (bytes.get((int) position + i) != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    int u8(long position) {
        require(position, 1, "a byte");
        return Byte.toUnsignedInt(bytes.get((int) position));
    }

    int u16(long position) {
        require(position, 2, "a 2-byte number");
        return Short.toUnsignedInt(bytes.getShort((int) position));
    }

    long u32(long position) {
        require(position, 4, "a 4-byte number");
        return Integer.toUnsignedLong(bytes.getInt((int) position));
    }

    /** An unsigned number of {@code width} bytes; 8-byte values above {@link Long#MAX_VALUE} come back negative. */
    long unsigned(long position, int width) {
        require(position, width, "a " + width + "-byte number");
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = (value << 8) | Byte.toUnsignedLong(bytes.get((int) position + i));
        }
        return value;
    }

    long offset(long position) {
        return unsigned(position, offsetSize);
    }

    long length(long position) {
        return unsigned(position, lengthSize);
    }

    /** A little-endian view of {@code length} bytes at {@code position}; nothing is copied. */
    ByteBuffer slice(long position, long length, String what) {
        require(position, length, what);
        ByteBuffer view = bytes.duplicate();
        view.limit((int) (position + length)).position((int) position);
        return view.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
