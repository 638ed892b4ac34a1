package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keras4j.saving.ModelArchiveTest.assertBitIdentical;
import static org.keras4j.saving.ModelArchiveTest.values;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Functional models in keras4j's file: Keras's functional config, shared layers, per-output compile settings. */
class ModelArchiveFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * Two inputs through one shared Dense (two calls), merged by Concatenate, then two heads: a softmax classifier
     * and a regressor, compiled with a loss, a loss weight and metrics per output.
     */
    private static Functional model() {
        KerasTensor left = Keras.input("left", 4);
        KerasTensor right = Keras.input("right", 4);
        Layer shared = new Dense(6, "tanh").withName("shared");
        KerasTensor joint = new Concatenate().withName("joint").apply(shared.apply(left), shared.apply(right));
        KerasTensor hidden = new BatchNormalization().withName("norm").apply(new Dense(8, "relu").withName("hidden")
                .apply(joint));
        KerasTensor kind = new Dense(3, "softmax").withName("kind").apply(hidden);
        KerasTensor price = new Dense(1).withName("price").apply(hidden);
        Functional model = new Functional("two_inputs", List.of(left, right), List.of(kind, price));
        model.compile(new Adam(0.01), List.of(new org.keras4j.losses.SparseCategoricalCrossentropy(),
                new org.keras4j.losses.MeanSquaredError()), List.of(1.0, 0.5), null);
        return model;
    }

    private static Functional compiledWithMetrics() {
        Functional model = model();
        model.compile("adam", List.of("sparse_categorical_crossentropy", "mse"), List.of(1.0, 0.5),
                List.of(List.of("accuracy"), List.of("mae")));
        return model;
    }

    private static List<INDArray> x() {
        return List.of(Nd4j.linspace(-1, 1, 48, DataType.FLOAT).reshape(12, 4),
                Nd4j.linspace(1, -2, 48, DataType.FLOAT).reshape(12, 4));
    }

    private static List<INDArray> y() {
        INDArray kind = Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f, 2f).reshape(12, 1);
        return List.of(kind, x().get(0).sum(true, 1));
    }

    @Test
    void saveThenLoad_twoInputsMergeAndSharedLayer_isBitIdenticalAndTrainsOnTheSameCurve() {
        Keras.setRandomSeed(3);
        Functional model = compiledWithMetrics();
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(4).shuffle(false).verbose(0);
        model.fit(x(), y(), options);
        Path file = dir.resolve("two.keras4j");
        model.save(file);

        Model loaded = Model.load(file);
        assertTrue(loaded instanceof Functional, loaded.getClass().getName());
        assertEquals("two_inputs", loaded.name());
        assertEquals(model.summaryText(), loaded.summaryText());
        assertEquals(model.inputNames(), loaded.inputNames());
        assertEquals(model.outputNames(), loaded.outputNames());
        assertEquals(2, loaded.getLayer("shared").nodes().size(), "the shared layer is called twice again");
        assertBitIdentical(model, loaded);
        List<INDArray> expected = model.predict(x());
        List<INDArray> actual = loaded.predict(x());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(values(expected.get(i)), values(actual.get(i)), "output " + i);
        }
        assertArrayEquals(values(model.network().optimizerState()), values(loaded.network().optimizerState()));
        assertEquals(model.network().iterationCount(), loaded.network().iterationCount());
        for (int i = 0; i < 2; i++) {
            CompiledOutput want = model.compiled().outputs().get(i);
            CompiledOutput got = loaded.compiled().outputs().get(i);
            assertEquals(want.name(), got.name());
            assertEquals(want.loss().identifier(), got.loss().identifier());
            assertEquals(want.lossWeight(), got.lossWeight());
            assertEquals(want.metrics().stream().map(m -> m.name()).toList(), got.metrics().stream().map(m -> m.name()).toList());
        }
        assertEquals(model.evaluate(x(), y()), loaded.evaluate(x(), y()));

        // one more step from the loaded state equals one more step of the original
        FitOptions step = FitOptions.defaults().epochs(1).batchSize(12).shuffle(false).verbose(0);
        Keras.setRandomSeed(9);
        model.fit(x(), y(), step);
        Keras.setRandomSeed(9);
        loaded.fit(x(), y(), step);
        assertBitIdentical(model, loaded);
    }

    @Test
    void save_writesKerasFunctionalConfigAndPerLayerWeights() throws IOException {
        Functional model = model();
        Path file = dir.resolve("two.keras4j");
        model.save(file);
        Map<String, Object> doc = document(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> arch = (Map<String, Object>) doc.get("model");
        assertEquals("Functional", arch.get("class_name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) arch.get("config");
        assertEquals(List.of(List.of("left", 0, 0), List.of("right", 0, 0)), config.get("input_layers"));
        assertEquals(List.of(List.of("kind", 0, 0), List.of("price", 0, 0)), config.get("output_layers"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) config.get("layers");
        assertEquals(List.of("left", "right", "shared", "joint", "hidden", "norm", "kind", "price"),
                layers.stream().map(l -> l.get("name")).toList());
        assertEquals(2, ((List<?>) layers.get(2).get("inbound_nodes")).size());
        @SuppressWarnings("unchecked")
        Map<String, Object> compile = (Map<String, Object>) doc.get("compile");
        assertEquals(List.of(1.0, 0.5), compile.get("loss_weights"));
        assertEquals(2, ((List<?>) compile.get("loss")).size());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String entry : List.of("weights/shared/0.bin", "weights/shared/1.bin", "weights/norm/3.bin",
                    "weights/price/1.bin")) {
                assertTrue(zip.getEntry(entry) != null, entry);
            }
            assertEquals(null, zip.getEntry("weights/joint/0.bin"), "a merge has no weights");
        }
    }

    @Test
    void saveWeightsThenLoadWeights_intoTheSameArchitecture_isBitIdentical() {
        Functional model = model();
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Functional other = model();
        other.loadWeights(file);
        assertBitIdentical(model, other);
    }

    @Test
    void load_inboundNodeOfAnUnknownLayer_failsNamingItAndTheLayers() throws IOException {
        Path file = edited(doc -> history(doc, 3, 1).set(0, "nowhere"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().startsWith(file + " is not a valid keras4j model file: keras4j.json,"
                + " model.config.layers[3] ('joint').inbound_nodes[0]: 'keras_history' must be the name of a layer in"
                + " 'layers' [left, right, shared, joint, hidden, norm, kind, price], found string \"nowhere\""),
                e.getMessage());
    }

    @Test
    void load_sharedLayerCalledOnATensorOfAnotherShape_failsNamingTheCall() throws IOException {
        Path file = edited(doc -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> right = (Map<String, Object>) layers(doc).get(1).get("config");
            right.put("shape", List.of(5));
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().startsWith(file + " is not a valid keras4j model file: "), e.getMessage());
        assertTrue(e.getMessage().contains("shared"), e.getMessage());
    }

    @Test
    void load_weightsOfAnotherShape_namesLayerIndexExpectedAndFound() throws IOException {
        Path file = edited(doc -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> hidden = (Map<String, Object>) layers(doc).get(4).get("config");
            hidden.put("units", 9);
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("layer 'hidden' (Dense) declares 117 parameters in keras4j.json's"
                + " architecture but its weights record holds 104 [[12, 8], [8]]"), e.getMessage());
    }

    @Test
    void load_lossesForFewerOutputsThanTheModelHas_namesKeyExpectedAndFound() throws IOException {
        Path file = edited(doc -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> compile = (Map<String, Object>) doc.get("compile");
            compile.put("loss", ((List<?>) compile.get("loss")).subList(0, 1));
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("keras4j.json, compile: 'loss' must be one loss and one list of metrics per"
                + " output (2), found string \"1 losses and 2 lists of metrics\""), e.getMessage());
    }

    @Test
    void loadWeights_intoAFunctionalWithOtherLayerNames_listsMissingAndUnexpected() {
        Functional model = model();
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        KerasTensor left = Keras.input("left", 4);
        KerasTensor right = Keras.input("right", 4);
        KerasTensor joint = new Concatenate().apply(left, right);
        Functional other = new Functional("other", List.of(left, right),
                List.of(new Dense(3, "softmax").withName("kind").apply(joint), new Dense(1).withName("cost").apply(joint)));
        other.compile("adam", List.of("sparse_categorical_crossentropy", "mse"), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadWeights(file));
        assertTrue(e.getMessage().contains("missing [cost]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [shared, hidden, norm, price]"), e.getMessage());
    }

    // ---- helpers ----

    private Path edited(Consumer<Map<String, Object>> edit) throws IOException {
        Functional model = model();
        Path saved = dir.resolve("saved.keras4j");
        model.save(saved);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(saved.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        Map<String, Object> doc = JSON.readValue(entries.get("keras4j.json"), new TypeReference<>() { });
        edit.accept(doc);
        entries.put("keras4j.json", JSON.writeValueAsBytes(doc));
        Path file = dir.resolve("edited.keras4j");
        ZipBomb.write(file, entries, null, 0, -1);
        return file;
    }

    private static Map<String, Object> document(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return JSON.readValue(zip.getInputStream(zip.getEntry("keras4j.json")), new TypeReference<>() { });
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(Map<String, Object> doc) {
        return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) doc.get("model"))
                .get("config")).get("layers");
    }

    /** The keras_history of tensor {@code tensor} of the first call of layer {@code layer}. */
    @SuppressWarnings("unchecked")
    private static List<Object> history(Map<String, Object> doc, int layer, int tensor) {
        Map<String, Object> call = (Map<String, Object>) ((List<Object>) layers(doc).get(layer).get("inbound_nodes")).get(0);
        Object arg = ((List<Object>) call.get("args")).get(0);
        Map<String, Object> t = (Map<String, Object>) (arg instanceof List<?> list ? list.get(tensor) : arg);
        return (List<Object>) ((Map<String, Object>) t.get("config")).get("keras_history");
    }
}
