package org.keras4j.saving.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files built to exhaust memory or to trap the reader in a loop (hostile.h5 from make_fixtures.py, and h5py's files
 * with single fields rewritten): each fails with one clear message, quickly, allocating little.
 */
class Hdf5HostileFileTest {
    /** Heap a rejected file may cost: never the sizes it declares. */
    private static final long SMALL_HEAP = 8L << 20;

    /** Loads the classes and logging the first read needs, so that the measured reads allocate only their own. */
    @BeforeAll
    static void warmUp() {
        try (Hdf5Reader h5 = Hdf5Reader.fromBytes(Hdf5ReaderTest.fixture("hostile.h5"), "hostile.h5")) {
            h5.readFloats("many_chunks", new long[] {100});
            h5.children("wide");
            assertThrows(IllegalArgumentException.class, () -> h5.readFloats("bomb", new long[] {4, 4}));
        }
        try (Hdf5Reader h5 = Hdf5Reader.fromBytes(Hdf5ReaderTest.fixture("keras_legacy.h5"), "keras_legacy.h5")) {
            h5.readFloats("model_weights/dense/dense/kernel:0", new long[] {2, 3});
            h5.stringAttribute("", "keras_version");
            assertThrows(IllegalArgumentException.class, () -> h5.readFloats("model_weights", new long[0]));
        }
    }

    @Test
    void chunkInflatingTo1MiB_stopsAtTheChunkSize() {
        byte[] file = Hdf5ReaderTest.fixture("hostile.h5");
        assertRejected(file, h5 -> h5.readFloats("bomb", new long[] {4, 4}),
                "hostile.h5: /bomb: a gzip-compressed chunk inflates to more than the 68 bytes a chunk of this dataset"
                        + " holds");
    }

    @Test
    void chunkIndexPointingBackToItsRoot_isACycle() {
        byte[] file = Hdf5ReaderTest.fixture("hostile.h5");
        int root = node(file, 1, 1, 2);
        putLong(file, root + 80, root); // second child: the root itself (keys of 8 + 8 * (rank + 1) bytes)
        assertRejected(file, h5 -> h5.readFloats("many_chunks", new long[] {100}),
                "hostile.h5: /many_chunks: the chunk index: B-tree node at address " + root
                        + " is reached twice (a cycle or a shared node)");
    }

    @Test
    void groupListingOneSymbolTableNodeTwice_isRefused() {
        byte[] file = Hdf5ReaderTest.fixture("hostile.h5");
        int tree = node(file, 0, 0, 2);
        long first = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(tree + 32);
        putLong(file, tree + 48, first); // both entries point to the first node of 8 symbols: 16 members, 4 twice
        assertRejected(file, h5 -> h5.children("wide"),
                "hostile.h5: /wide: the group's symbol table: symbol table node at address " + first
                        + " is listed twice");
    }

    @Test
    void datasetStoredBeyondTheEndOfTheFile_failsOnItsDeclaredPlace() {
        byte[] file = Hdf5ReaderTest.fixture("keras_legacy.h5");
        int data = indexOf(file, floats(-2, -1, 0, 1, 2, 3)); // model_weights/dense/dense/kernel:0
        int layout = indexOf(file, concat(new byte[] {3, 1}, le(data), le(24))); // contiguous layout, version 3
        putLong(file, layout + 2, file.length - 8);
        assertRejected(file, h5 -> h5.readFloats("model_weights/dense/dense/kernel:0", new long[] {2, 3}),
                "keras_legacy.h5: /model_weights/dense/dense/kernel:0: its data (24 bytes at offset "
                        + (file.length - 8) + ") lies beyond the end of the file (" + file.length + " bytes)");
    }

    @Test
    void hugeDeclaredShape_isComparedBeforeAnythingIsAllocated() {
        byte[] file = Hdf5ReaderTest.fixture("keras_legacy.h5");
        // the kernel's dataspace (version 1, rank 2, with maximum dimensions): dims 2, 3, then maxima 2, 3
        int space = indexOf(file, concat(new byte[] {1, 2, 1, 0, 0, 0, 0, 0}, le(2), le(3), le(2), le(3)));
        putLong(file, space + 8, 1L << 30);
        assertRejected(file, h5 -> h5.readFloats("model_weights/dense/dense/kernel:0", new long[] {2, 3}),
                "keras_legacy.h5: /model_weights/dense/dense/kernel:0: expected shape [2, 3], found [1073741824, 3]");
    }

    @Test
    void stringDeclaring2GiB_isRefusedBeforeItIsRead() {
        byte[] file = Hdf5ReaderTest.fixture("keras_legacy.h5");
        int heap = indexOf(file, "GCOL".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int element = indexOf(file, concat(le4(5), le(heap))); // keras_version = "2.1.3": length 5, heap id
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(element, Integer.MAX_VALUE);
        assertRejected(file, h5 -> h5.stringAttribute("", "keras_version"),
                "keras_legacy.h5: /: attribute 'keras_version' declares 2147483647 bytes of strings, more than the 16"
                        + " MiB this reader accepts");
    }

    private static void assertRejected(byte[] file, Consumer<Hdf5Reader> read, String message) {
        String name = message.substring(0, message.indexOf(':'));
        IllegalArgumentException e = cheaply(() -> assertThrows(IllegalArgumentException.class, () -> {
            try (Hdf5Reader h5 = Hdf5Reader.fromBytes(file, name)) {
                read.accept(h5);
            }
        }));
        assertEquals(message, e.getMessage());
    }

    private static <T> T cheaply(java.util.concurrent.Callable<T> read) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> { // generous for a loaded machine; a loop would never end
            long before = threads.getCurrentThreadAllocatedBytes();
            T result = read.call();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < SMALL_HEAP, "allocated " + allocated + " bytes");
            return result;
        });
    }

    /** The position of the one version-1 B-tree node of this type, level and entry count. */
    private static int node(byte[] file, int type, int level, int entries) {
        int found = -1;
        for (int at = indexOf(file, tree(), 0); at >= 0; at = indexOf(file, tree(), at + 1)) {
            if (file[at + 4] == type && file[at + 5] == level && (file[at + 6] & 0xff) == entries && file[at + 7] == 0) {
                assertEquals(-1, found, "one such node");
                found = at;
            }
        }
        assertTrue(found >= 0, "no B-tree node of type " + type + ", level " + level + ", " + entries + " entries");
        return found;
    }

    private static byte[] tree() {
        return "TREE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] file, byte[] pattern) {
        int at = indexOf(file, pattern, 0);
        assertTrue(at >= 0, "pattern not found");
        assertEquals(-1, indexOf(file, pattern, at + 1), "the pattern is unique");
        return at;
    }

    private static int indexOf(byte[] file, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= file.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (file[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void putLong(byte[] file, int at, long value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    private static byte[] le(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static byte[] le4(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

}
