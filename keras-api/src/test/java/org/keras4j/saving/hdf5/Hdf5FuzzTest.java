package org.keras4j.saving.hdf5;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Damaged files, seeded: bytes flipped, overwritten with large numbers, or cut off, in valid files written by
 * Hdf5Writer (jHDF's format) and by h5py (Keras's). Opening and reading everything must either work or fail with
 * one IllegalArgumentException naming the file: never another exception, never an error (out of memory, stack
 * overflow), never a hang, and never more memory than a small multiple of the valid file's contents.
 * {@code -Dkeras4j.hdf5.fuzzCases=N} runs N cases per file instead of the quick default.
 */
class Hdf5FuzzTest {
    private static final int CASES = Integer.getInteger("keras4j.hdf5.fuzzCases", 100);
    /** What reading a file of a few KB may allocate, whatever it declares: the values, strings, bookkeeping. */
    private static final long MAX_ALLOCATED = 32L << 20;
    private static final int MAX_NODES = 500;

    private volatile String current = "";

    @Test
    void writerOutput_damaged_failsCleanly() {
        byte[] valid = new Hdf5Writer()
                .attribute("", "keras_version", "3.13.2")
                .attribute("", "model_config", "{\"class_name\": \"Sequential\"}")
                .attribute("model_weights", "layer_names", List.of("dense", "dropout"))
                .attribute("model_weights/dropout", "weight_names", List.of())
                .dataset("model_weights/dense/dense/kernel:0", Nd4j.linspace(1, 12, 12, DataType.FLOAT).reshape(3, 4))
                .dataset("model_weights/dense/dense/bias:0", Nd4j.linspace(1, 4, 4, DataType.FLOAT))
                .group("layers/flatten/vars")
                .dataset("optimizer/vars/0", 56250L)
                .toBytes();
        fuzz("writer.h5", valid, 1);
    }

    @Test
    void h5pyKerasFile_damaged_failsCleanly() {
        fuzz("keras_legacy.h5", Hdf5ReaderTest.fixture("keras_legacy.h5"), 2);
    }

    @Test
    void h5pyLayouts_damaged_failsCleanly() {
        fuzz("layouts.h5", Hdf5ReaderTest.fixture("layouts.h5"), 3);
    }

    private void fuzz(String name, byte[] valid, long seed) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (Hdf5Reader h5 = Hdf5Reader.fromBytes(valid, name)) {
            readEverything(h5, shapes, true);
        }
        assertTrue(shapes.size() >= 2, "the valid file has datasets: " + shapes.keySet());
        Random random = new Random(Long.getLong("keras4j.hdf5.fuzzSeed", 0) + seed);
        assertTimeoutPreemptively(Duration.ofSeconds(Math.max(60, CASES / 10)), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] damaged = damage(valid, random);
                current = name + " case " + i + " (" + damaged.length + " bytes)";
                attempt(damaged, current, shapes);
            }
        }, () -> "hung in " + current);
    }

    private static void attempt(byte[] damaged, String label, Map<String, long[]> shapes) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (Hdf5Reader h5 = Hdf5Reader.fromBytes(damaged, label)) {
            readEverything(h5, new LinkedHashMap<>(shapes), false);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith(label + ": ")) {
                fail(label + ": the message does not start with the file's name: " + e.getMessage(), e);
            }
        } catch (Throwable t) { // out of memory or stack, or anything but the one exception type
            fail(label + ": threw " + t, t);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < MAX_ALLOCATED, label + ": allocated " + allocated + " bytes");
    }

    /**
     * Reads every group, attribute and dataset; in a damaged file, each read may fail on its own (with the one
     * exception), and the walk goes on. A caller knows the shapes it expects, so datasets are read with the valid
     * file's shapes ({@code shapes}), filled in when {@code learn}.
     */
    private static void readEverything(Hdf5Reader h5, Map<String, long[]> shapes, boolean learn) {
        List<String> pending = new ArrayList<>(List.of(""));
        int visited = 0;
        while (!pending.isEmpty() && visited++ < MAX_NODES) { // a damaged file may link a group into itself
            String path = pending.remove(pending.size() - 1);
            each(h5, learn, () -> {
                for (String attribute : h5.attributeNames(path)) {
                    each(h5, learn, () -> h5.stringAttribute(path, attribute));
                    each(h5, learn, () -> h5.stringsAttribute(path, attribute));
                }
            });
            each(h5, learn, () -> {
                if (h5.isGroup(path)) {
                    for (String child : h5.children(path)) {
                        pending.add(path.isEmpty() ? child : path + "/" + child);
                    }
                } else if (h5.isDataset(path)) {
                    String dtype = h5.dtype(path);
                    if (learn && dtype.startsWith("float")) {
                        shapes.put(path, h5.shape(path));
                    }
                    if (dtype.startsWith("int") && h5.shape(path).length == 0) {
                        h5.readLong(path);
                    }
                }
            });
        }
        for (Map.Entry<String, long[]> dataset : shapes.entrySet()) { // also where a damaged tree hides them
            each(h5, learn, () -> h5.readFloats(dataset.getKey(), dataset.getValue()));
        }
    }

    /** Runs one read; a damaged file may fail it, with the one exception naming the file. */
    private static void each(Hdf5Reader h5, boolean mustWork, Runnable read) {
        try {
            read.run();
        } catch (IllegalArgumentException e) {
            if (mustWork && !e.getMessage().contains("expected a string, found")) {
                throw e;
            }
            if (!e.getMessage().startsWith(h5.name() + ": ")) {
                fail("the message does not start with the file's name: " + e.getMessage(), e);
            }
        }
    }

    /** One of: flip a few bits, write a large number (a size or address gone wrong), cut the file short. */
    private static byte[] damage(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int at = random.nextInt(bytes.length - 8);
                long big = switch (random.nextInt(4)) {
                    case 0 -> -1L;
                    case 1 -> Integer.MAX_VALUE;
                    case 2 -> 1L << (16 + random.nextInt(40));
                    default -> random.nextLong();
                };
                int width = new int[] {1, 2, 4, 8}[random.nextInt(4)];
                for (int i = 0; i < width; i++) {
                    bytes[at + i] = (byte) (big >>> (8 * i));
                }
            }
            case 2 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            default -> {
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
        }
        return bytes;
    }
}
