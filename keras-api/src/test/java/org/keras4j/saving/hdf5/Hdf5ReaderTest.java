package org.keras4j.saving.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the files make_fixtures.py wrote with h5py, as Keras writes them. */
class Hdf5ReaderTest {
    @TempDir
    Path dir;

    /** ND4J's backend starts once per JVM (seconds); not inside the first test's time. */
    @BeforeAll
    static void startNd4j() {
        Nd4j.scalar(0f);
    }

    /** A file written by h5py: make_fixtures.py runs once per test JVM (the files are not kept in git). */
    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(H5pyFixtures.directory().resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Hdf5Reader read(String name) {
        return Hdf5Reader.fromBytes(fixture(name), name);
    }

    /** make_fixtures.py's values(): arange(n) * scale - n / 3, as float32. */
    private static float[] values(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (i * scale - n / 3.0);
        }
        return v;
    }

    @Test
    void legacyKeras2File_rootAttributes_areStrings() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            assertEquals(Optional.of("2.1.3"), h5.stringAttribute("", "keras_version"));
            assertEquals(Optional.of("tensorflow"), h5.stringAttribute("/", "backend"));
            assertEquals(Optional.of("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"café\"}}"),
                    h5.stringAttribute("", "model_config"));
            assertEquals(Optional.empty(), h5.stringAttribute("", "training_config"));
            assertEquals(List.of("backend", "keras_version", "model_config"), h5.attributeNames(""));
        }
    }

    @Test
    void legacyKeras2File_nameLists_fixedLengthObjectAndEmpty() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            assertEquals(List.of("dense", "dropout", "conv2d"), h5.stringsAttribute("model_weights", "layer_names"));
            assertEquals(Optional.of("tensorflow"), h5.stringAttribute("model_weights", "backend"));
            assertEquals(List.of("dense/kernel:0", "dense/bias:0"),
                    h5.stringsAttribute("model_weights/dense", "weight_names"));
            assertEquals(List.of("conv2d/kernel:0", "conv2d/bias:0"),
                    h5.stringsAttribute("model_weights/conv2d", "weight_names"));
            assertEquals(List.of(), h5.stringsAttribute("model_weights/dropout", "weight_names"));
        }
    }

    @Test
    void legacyKeras2File_weights_atKeras2Paths() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            assertEquals(List.of("conv2d", "dense", "dropout"), h5.children("model_weights"));
            assertEquals(List.of("bias:0", "kernel:0"), h5.children("model_weights/dense/dense"));
            assertTrue(h5.isDataset("model_weights/dense/dense/kernel:0"));
            assertTrue(h5.isGroup("model_weights/dense/dense"));
            assertFalse(h5.exists("model_weights/dense/dense/kernel:1"));
            assertArrayEquals(new long[] {2, 3}, h5.shape("model_weights/dense/dense/kernel:0"));
            assertEquals("float32", h5.dtype("model_weights/dense/dense/kernel:0"));
            INDArray kernel = h5.readFloats("model_weights/dense/dense/kernel:0", new long[] {2, 3});
            assertEquals(DataType.FLOAT, kernel.dataType());
            assertArrayEquals(new long[] {2, 3}, kernel.shape());
            assertEquals('c', kernel.ordering());
            assertArrayEquals(values(6, 1), kernel.data().asFloat());
            INDArray conv = h5.readFloats("model_weights/conv2d/conv2d/kernel:0", new long[] {3, 3, 1, 2});
            assertArrayEquals(values(18, 0.5), conv.data().asFloat());
        }
    }

    @Test
    void keras3WeightsFile_varsAndIterationCount() {
        try (Hdf5Reader h5 = read("keras3_weights.h5")) {
            assertEquals(List.of("layers", "optimizer", "vars"), h5.children(""));
            assertEquals(List.of("dense", "flatten"), h5.children("layers"));
            assertEquals(List.of(), h5.children("layers/flatten/vars"));
            assertEquals(Optional.of("dense"), h5.stringAttribute("layers/dense/vars", "name"));
            assertArrayEquals(values(8, 0.25), h5.readFloats("layers/dense/vars/0", new long[] {4, 2}).data().asFloat());
            assertEquals("int64", h5.dtype("optimizer/vars/0"));
            assertEquals(56250L, h5.readLong("optimizer/vars/0"));
            INDArray lr = h5.readFloats("optimizer/vars/1", new long[0]);
            assertEquals(0, lr.rank());
            assertEquals(0.001f, lr.getFloat(0));
        }
    }

    @Test
    void halfBigEndianAndDouble_becomeFloat() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            assertEquals("float16", h5.dtype("float16"));
            float[] half = h5.readFloats("float16", new long[] {2, 3}).data().asFloat();
            float[] expected = values(6, 1);
            for (int i = 0; i < 6; i++) {
                assertEquals(expected[i], half[i], Math.abs(expected[i]) * 1e-3 + 1e-3);
            }
            assertArrayEquals(values(5, 1), h5.readFloats("float32_big_endian", new long[] {5}).data().asFloat());
            assertEquals("float64", h5.dtype("float64"));
            assertArrayEquals(values(4, 1e-3), h5.readFloats("float64", new long[] {2, 2}).data().asFloat());
        }
    }

    @Test
    void chunkedDatasets_gzipShufflePartialChunksAndUnwrittenChunks() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            assertArrayEquals(values(300, 0.1), h5.readFloats("gzip", new long[] {20, 15}).data().asFloat());
            assertArrayEquals(values(35, 1), h5.readFloats("chunked", new long[] {5, 7}).data().asFloat());
            float[] written = values(4, 1);
            float[] sparse = h5.readFloats("sparse", new long[] {4, 4}).data().asFloat();
            float[] expected = new float[16];
            java.util.Arrays.fill(expected, -1f);
            expected[0] = written[0];
            expected[1] = written[1];
            expected[4] = written[2];
            expected[5] = written[3];
            assertArrayEquals(expected, sparse);
        }
    }

    @Test
    void compactNeverWrittenAndEmptyDatasets() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            assertArrayEquals(values(4, 1), h5.readFloats("compact", new long[] {4}).data().asFloat());
            assertArrayEquals(new float[] {7, 7, 7}, h5.readFloats("unwritten", new long[] {3}).data().asFloat());
            INDArray empty = h5.readFloats("empty", new long[] {0, 3});
            assertArrayEquals(new long[] {0, 3}, empty.shape());
            assertTrue(empty.isEmpty());
        }
    }

    @Test
    void children_creationOrderWhenTracked_elseByteOrderOfNames() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            assertEquals(List.of("zeta", "alpha", "mu"), h5.children("ordered"));
            assertEquals(IntStream.range(0, 12).mapToObj(i -> String.format("d%02d", 11 - i)).toList(),
                    h5.children("ordered_dense"));
            assertEquals(List.of("B", "a", "b"), h5.children("by_name"));
        }
    }

    @Test
    void readLong_smallSignedInteger_isSignExtended() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            assertEquals(-5L, h5.readLong("int8_scalar"));
        }
    }

    @Test
    void readFloats_wrongShape_namesBothShapes() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h5.readFloats("model_weights/conv2d/conv2d/kernel:0", new long[] {3, 3, 32}));
            assertEquals("keras_legacy.h5: /model_weights/conv2d/conv2d/kernel:0: expected shape [3, 3, 32],"
                    + " found [3, 3, 1, 2]", e.getMessage());
        }
    }

    @Test
    void readFloats_missingPath_namesTheMissingMemberAndWhatExists() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h5.readFloats("model_weights/dense/dense/kernel", new long[] {2, 3}));
            assertEquals("keras_legacy.h5: /model_weights/dense/dense/kernel: not found: /model_weights/dense/dense"
                    + " has no member 'kernel' (members: [bias:0, kernel:0])", e.getMessage());
        }
    }

    @Test
    void readFloats_groupWhereDatasetExpected_says() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h5.readFloats("model_weights/dense", new long[] {2, 3}));
            assertEquals("keras_legacy.h5: /model_weights/dense: expected a dataset, found a group (members: [dense])",
                    e.getMessage());
        }
    }

    @Test
    void readFloats_stringsOrIntegers_sayTheType() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            IllegalArgumentException strings = assertThrows(IllegalArgumentException.class,
                    () -> h5.readFloats("strings", new long[] {2}));
            assertEquals("layouts.h5: /strings: expected a float dataset (float16, float32 or float64), found |S2 of"
                    + " shape [2]", strings.getMessage());
            IllegalArgumentException ints = assertThrows(IllegalArgumentException.class,
                    () -> h5.readFloats("int32", new long[] {3}));
            assertTrue(ints.getMessage().endsWith("found int32 of shape [3]"), ints.getMessage());
        }
    }

    @Test
    void readLong_floatOrArray_fails() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            assertThrows(IllegalArgumentException.class, () -> h5.readLong("float64"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h5.readLong("int32"));
            assertEquals("layouts.h5: /int32: expected shape [], found [3]", e.getMessage());
        }
    }

    @Test
    void stringAttributes_wrongKind_fail() {
        try (Hdf5Reader h5 = read("keras_legacy.h5")) {
            IllegalArgumentException list = assertThrows(IllegalArgumentException.class,
                    () -> h5.stringAttribute("model_weights", "layer_names"));
            assertEquals("keras_legacy.h5: /model_weights: attribute 'layer_names': expected a string, found |S7 of"
                    + " shape [3]", list.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> h5.stringsAttribute("model_weights", "weight_names"));
            assertEquals("keras_legacy.h5: /model_weights: attribute 'weight_names' not found (attributes: [backend,"
                    + " layer_names])", missing.getMessage());
            assertEquals(List.of("tensorflow"), h5.stringsAttribute("", "backend"));
        }
    }

    @Test
    void children_ofDataset_fails() {
        try (Hdf5Reader h5 = read("layouts.h5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h5.children("float64"));
            assertEquals("layouts.h5: /float64: expected a group, found a dataset (float64 of shape [2, 2])",
                    e.getMessage());
        }
    }

    @Test
    void open_mapsAFile_andNamesItByItsPath() throws IOException {
        Path file = dir.resolve("keras3.h5");
        Files.write(file, fixture("keras3_weights.h5"));
        try (Hdf5Reader h5 = Hdf5Reader.open(file)) {
            assertEquals(file.toString(), h5.name());
            assertEquals(56250L, h5.readLong("/optimizer/vars/0/"));
            assertTrue(h5.corrupt("layers/dense", "no kernel").getMessage()
                    .equals(file + ": /layers/dense: no kernel"));
        }
    }

    @Test
    void open_notHdf5_empty_missing_truncated() throws IOException {
        Path text = Files.writeString(dir.resolve("config.json"), "{\"class_name\": \"Sequential\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hdf5Reader.open(text));
        assertEquals(text + ": not an HDF5 file: expected the signature 89 48 44 46 0d 0a 1a 0a"
                + " (\\x89HDF\\r\\n\\x1a\\n) at offset 0, found 7b 22 63 6c 61 73 73 5f", e.getMessage());
        Path empty = Files.write(dir.resolve("empty.h5"), new byte[0]);
        assertEquals(empty + ": the file is empty",
                assertThrows(IllegalArgumentException.class, () -> Hdf5Reader.open(empty)).getMessage());
        Path missing = dir.resolve("missing.h5");
        assertEquals(missing + ": no such file",
                assertThrows(IllegalArgumentException.class, () -> Hdf5Reader.open(missing)).getMessage());
        byte[] whole = fixture("keras_legacy.h5");
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> Hdf5Reader.fromBytes(java.util.Arrays.copyOf(whole, whole.length / 2), "half.h5"));
        assertEquals("half.h5: truncated: its superblock declares " + whole.length + " bytes, the file has "
                + whole.length / 2, truncated.getMessage());
    }

    @Test
    void closed_refusesReads() {
        Hdf5Reader h5 = read("keras3_weights.h5");
        h5.close();
        assertThrows(IllegalStateException.class, () -> h5.children(""));
    }

    @Test
    void badArguments_areNamed() {
        try (Hdf5Reader h5 = read("keras3_weights.h5")) {
            assertThrows(IllegalArgumentException.class, () -> h5.readFloats("layers/dense/vars/0", null));
            assertThrows(IllegalArgumentException.class, () -> h5.readFloats("layers/dense/vars/0", new long[] {-1}));
            assertThrows(IllegalArgumentException.class, () -> h5.exists("layers//dense"));
            assertThrows(IllegalArgumentException.class, () -> h5.exists(null));
        }
    }
}
