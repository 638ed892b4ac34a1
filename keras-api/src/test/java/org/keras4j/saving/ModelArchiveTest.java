package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.convolutional.Conv2DTranspose;
import org.keras4j.layers.convolutional.SeparableConv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.optimizers.Adam;
import org.keras4j.regularizers.Regularizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class ModelArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential("regressor", new Input(3),
                new Dense(8, "relu").withKernelRegularizer(Regularizers.l2(1e-3)),
                new BatchNormalization(), new Dropout(0.1), new Dense(1));
    }

    private static INDArray x() {
        return Nd4j.linspace(-1, 1, 60, DataType.FLOAT).reshape(20, 3);
    }

    private static INDArray y() {
        return x().sum(true, 1);
    }

    @Test
    void saveThenLoad_restoresArchitecturePredictionsAndOptimizerState() {
        Keras.setRandomSeed(4);
        Sequential model = model();
        model.compile(new Adam(0.01), "mse");
        model.fit(x(), y(), FitOptions.defaults().epochs(3).batchSize(5).verbose(0));
        Path file = dir.resolve("model.keras4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals("regressor", loaded.name());
        assertEquals(model.summaryText(), loaded.summaryText());
        assertBitIdentical(model, loaded);
        assertArrayEquals(model.predict(x()).toFloatVector(), loaded.predict(x()).toFloatVector());
        assertArrayEquals(model.network().optimizerState().toFloatVector(),
                loaded.network().optimizerState().toFloatVector());
        assertEquals(model.network().iterationCount(), loaded.network().iterationCount());
        assertEquals(0.01, loaded.optimizer().getLearningRate(), 1e-12);

        // one more epoch from the restored state gives exactly what uninterrupted training gives
        FitOptions more = FitOptions.defaults().epochs(1).batchSize(20).shuffle(false).verbose(0);
        Keras.setRandomSeed(9);
        model.fit(x(), y(), more);
        Keras.setRandomSeed(9);
        loaded.fit(x(), y(), more);
        assertBitIdentical(model, loaded);
    }

    @Test
    void save_storesEachLayersWeightsInKerasLayoutUnderItsName() throws IOException {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("model.keras4j");
        model.save(file);
        Map<String, Object> doc;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertNull(zip.getEntry("weights.bin"), "no DL4J flat vector any more");
            for (String layer : List.of("dense", "batch_normalization", "dense_1")) {
                List<INDArray> weights = model.getLayer(layer).getWeights();
                for (int i = 0; i < weights.size(); i++) {
                    ZipEntry e = zip.getEntry("weights/" + layer + "/" + i + ".bin");
                    assertNotNull(e, layer + " " + i);
                    INDArray stored = Nd4j.read(new DataInputStream(zip.getInputStream(e)));
                    assertArrayEquals(weights.get(i).shape(), stored.shape());
                    assertArrayEquals(values(weights.get(i)), values(stored));
                }
                assertNull(zip.getEntry("weights/" + layer + "/" + weights.size() + ".bin"));
            }
            doc = JSON.readValue(zip.getInputStream(zip.getEntry("keras4j.json")), new TypeReference<>() { });
        }
        assertEquals(ModelArchive.VERSION, doc.get("format_version"));
        assertEquals(List.of(
                Map.of("layer", "dense", "shapes", List.of(List.of(3, 8), List.of(8))),
                Map.of("layer", "batch_normalization", "shapes", List.of(List.of(8), List.of(8), List.of(8), List.of(8))),
                Map.of("layer", "dense_1", "shapes", List.of(List.of(8, 1), List.of(1)))), doc.get("weights"));
    }

    @Test
    void load_formatVersion1File_withDl4jFlatWeights_stillLoadsAndResumesTraining() throws IOException {
        Keras.setRandomSeed(5);
        Sequential model = model();
        model.compile(new Adam(0.01), "mse");
        model.fit(x(), y(), FitOptions.defaults().epochs(2).batchSize(5).verbose(0));
        Path file = dir.resolve("v1.keras4j");
        writeVersion1(model, file, true);

        Sequential loaded = Sequential.load(file);
        assertBitIdentical(model, loaded);
        assertArrayEquals(model.network().optimizerState().toFloatVector(),
                loaded.network().optimizerState().toFloatVector());
        FitOptions more = FitOptions.defaults().epochs(1).batchSize(20).shuffle(false).verbose(0);
        Keras.setRandomSeed(9);
        model.fit(x(), y(), more);
        Keras.setRandomSeed(9);
        loaded.fit(x(), y(), more);
        assertBitIdentical(model, loaded);

        Path weightsOnly = dir.resolve("v1-weights.keras4j");
        writeVersion1(model, weightsOnly, false);
        Sequential other = model();
        other.compile("adam", "mse");
        other.loadWeights(weightsOnly);
        assertBitIdentical(model, other);
    }

    @Test
    void saveWeightsThenLoadWeights_intoFreshModel_givesSameWeights() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Sequential other = model();
        other.compile("adam", "mse");
        other.loadWeights(file);
        assertBitIdentical(model, other);
        assertEquals(model.predict(x()), other.predict(x()));
    }

    @Test
    void loadWeights_matchesLayersByNameNotPosition() {
        Sequential model = new Sequential(new Input(3), new Dense(3).withName("first"), new Dense(3).withName("second"));
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Sequential swapped = new Sequential(new Input(3), new Dense(3).withName("second"), new Dense(3).withName("first"));
        swapped.compile("adam", "mse");
        swapped.loadWeights(file);
        for (String name : List.of("first", "second")) {
            List<INDArray> expected = model.getLayer(name).getWeights();
            List<INDArray> actual = swapped.getLayer(name).getWeights();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(values(expected.get(i)), values(actual.get(i)), name + " " + i);
            }
        }
    }

    @Test
    void loadWeights_ofOtherLayers_listsMissingAndUnexpectedNames() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Sequential other = new Sequential(new Input(3), new Dense(8).withName("dense"), new Dense(1).withName("head"));
        other.compile("adam", "mse");
        List<INDArray> before = other.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadWeights(file));
        assertTrue(e.getMessage().startsWith(file + " does not hold the weights of model 'sequential'"), e.getMessage());
        assertTrue(e.getMessage().contains("missing [head]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [batch_normalization, dense_1]"), e.getMessage());
        assertEquals(before, other.getWeights());
    }

    @Test
    void loadWeights_ofOtherShape_namesLayerIndexExpectedAndFoundAndWritesNothing() {
        Sequential model = new Sequential(new Input(3), new Dense(4).withName("hidden"), new Dense(1).withName("out"));
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Sequential wider = new Sequential(new Input(3), new Dense(5).withName("hidden"), new Dense(1).withName("out"));
        wider.compile("adam", "mse");
        List<INDArray> before = wider.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wider.loadWeights(file));
        assertTrue(e.getMessage().contains("layer 'hidden' (Dense), weight 0: expected shape [3, 5], found [3, 4]"),
                e.getMessage());
        assertEquals(before, wider.getWeights());
    }

    @Test
    void loadWeights_beforeCompile_failsSayingCompile() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model().loadWeights(file));
        assertTrue(e.getMessage().contains("compile() before loadWeights()"), e.getMessage());
    }

    @Test
    void separableAndTransposedConvolutions_areStoredInKerasLayoutAndRoundTrip() throws IOException {
        Keras.setRandomSeed(6);
        Sequential model = new Sequential(new Input(5, 5, 2), new SeparableConv2D(3, 2).withDepthMultiplier(2),
                new Conv2DTranspose(2, 2), new Flatten(), new Dense(1));
        model.compile("adam", "mse");
        Path file = dir.resolve("sep.keras4j");
        model.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, Object> doc = JSON.readValue(zip.getInputStream(zip.getEntry("keras4j.json")),
                    new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> first = ((List<Map<String, Object>>) doc.get("weights")).get(0);
            // depthwise [kh, kw, in, multiplier], pointwise [1, 1, in * multiplier, filters], bias
            assertEquals(List.of(List.of(2, 2, 2, 2), List.of(1, 1, 4, 3), List.of(3)), first.get("shapes"));
        }
        Sequential loaded = Sequential.load(file);
        assertBitIdentical(model, loaded);
        Sequential other = new Sequential(new Input(5, 5, 2), new SeparableConv2D(3, 2).withDepthMultiplier(2),
                new Conv2DTranspose(2, 2), new Flatten(), new Dense(1));
        other.compile("adam", "mse");
        other.loadWeights(file);
        assertBitIdentical(model, other);
    }

    @Test
    void load_truncatedFile_failsClearly() throws IOException {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("model.keras4j");
        model.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.keras4j");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(truncated));
        assertTrue(e.getMessage().contains("not a valid keras4j model file"), e.getMessage());
    }

    @Test
    void load_foreignFile_failsClearly() throws IOException {
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "hello, not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(foreign));
        assertTrue(e.getMessage().contains("not a valid keras4j model file"), e.getMessage());
    }

    @Test
    void load_missingFile_namesPath() {
        Path missing = dir.resolve("nope.keras4j");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(missing));
        assertTrue(e.getMessage().contains("nope.keras4j"), e.getMessage());
    }

    @Test
    void load_weightsOnlyFileAsModel_explainsLoadWeights() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("loadWeights"), e.getMessage());
    }

    @Test
    void failedWrite_leavesNoTemporaryFileAndKeepsOldContent() throws IOException {
        Path file = dir.resolve("keep.bin");
        Files.writeString(file, "old");
        assertThrows(RuntimeException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void plainSgdModel_withoutOptimizerState_roundTrips() {
        Sequential model = new Sequential(new Input(3), new Dense(1));
        model.compile(new org.keras4j.optimizers.SGD(0.05), "mse");
        Path file = dir.resolve("sgd.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.predict(x()), loaded.predict(x()));
        assertEquals(0.05, loaded.optimizer().getLearningRate(), 1e-12);
    }

    // ---- helpers ----

    /** The same weights, bit for bit: the flat vector and each layer's in Keras's layout. */
    static void assertBitIdentical(org.keras4j.Model expected, org.keras4j.Model actual) {
        assertArrayEquals(values(expected.network().params()), values(actual.network().params()));
        for (org.keras4j.layers.Layer l : expected.layers()) {
            if (l instanceof Input) {
                continue; // a Functional's layers include its inputs, which hold no weights
            }
            List<INDArray> want;
            try {
                want = l.getWeights();
            } catch (UnsupportedOperationException noKerasLayout) {
                continue; // covered by the flat vector
            }
            List<INDArray> got = actual.getLayer(l.name()).getWeights();
            assertEquals(want.size(), got.size(), l.name());
            for (int i = 0; i < want.size(); i++) {
                assertArrayEquals(want.get(i).shape(), got.get(i).shape(), l.name() + " " + i);
                assertArrayEquals(values(want.get(i)), values(got.get(i)), l.name() + " " + i);
            }
        }
    }

    /** The values of {@code a} in row-major order, for exact comparison. */
    static float[] values(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    /**
     * Writes {@code model} as format version 1 did: the same keras4j.json without the weights index, and DL4J's flat
     * parameter vector in weights.bin (plus optimizer.bin for a whole model).
     */
    private void writeVersion1(Sequential model, Path file, boolean wholeModel) throws IOException {
        Path current = dir.resolve("current.keras4j");
        if (wholeModel) {
            model.save(current);
        } else {
            model.saveWeights(current);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(current.toFile())) {
            Map<String, Object> doc = JSON.readValue(zip.getInputStream(zip.getEntry("keras4j.json")),
                    new TypeReference<>() { });
            doc.put("format_version", 1);
            doc.remove("weights");
            entries.put("keras4j.json", JSON.writeValueAsBytes(doc));
            entries.put("weights.bin", ZipEntries.arrayBytes(model.network().params()));
            ZipEntry optimizer = zip.getEntry("optimizer.bin");
            if (optimizer != null) {
                entries.put("optimizer.bin", zip.getInputStream(optimizer).readAllBytes());
            }
        }
        new ZipEntries("model file", "keras4j model file").write(file, entries);
    }
}
