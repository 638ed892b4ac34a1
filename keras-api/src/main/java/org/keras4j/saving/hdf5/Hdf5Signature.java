package org.keras4j.saving.hdf5;

import java.nio.ByteBuffer;

/**
 * The 8-byte signature an HDF5 file starts with, at offset 0 or, after a user block, at 512, 1024, 2048, ...
 */
final class Hdf5Signature {
    static final byte[] BYTES = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5Signature() {
    }

    /** Where the signature is, or -1. */
    static long find(ByteBuffer file) {
        for (long at = 0; at <= file.capacity() - BYTES.length; at = at == 0 ? 512 : at * 2) {
            if (matches(file, (int) at)) {
                return at;
            }
        }
        return -1;
    }

    /** Why {@code file} is not HDF5, for the message: its size or its first bytes. */
    static String describeMismatch(ByteBuffer file) {
        if (file.capacity() == 0) {
            return "the file is empty";
        }
        if (file.capacity() < BYTES.length) {
            return "the file has only " + file.capacity() + " bytes (truncated?)";
        }
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < BYTES.length; i++) {
            found.append(String.format("%02x", file.get(i) & 0xff));
        }
        return "not an HDF5 file: expected the signature 89 48 44 46 0d 0a 1a 0a (\\x89HDF\\r\\n\\x1a\\n) at offset 0,"
                + " found " + found.toString().replaceAll("(..)(?!$)", "$1 ");
    }

    private static boolean matches(ByteBuffer file, int at) {
        for (int i = 0; i < BYTES.length; i++) {
            if (file.get(at + i) != BYTES[i]) {
                return false;
            }
        }
        return true;
    }
}
