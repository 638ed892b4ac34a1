package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Model files built to exhaust memory or to crash the reader: each fails with one clear message, fast and small. */
class ModelArchiveHostileFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TEN_GIB = 10L << 30;
    /** Heap a rejected file may cost: parsing a few KB of JSON, never the sizes the file declares. */
    private static final long SMALL_HEAP = 64L << 20;

    @TempDir
    Path dir;

    private Path saved;
    private Map<String, byte[]> entries;

    @BeforeEach
    void saveModel() throws IOException {
        Sequential model = new Sequential("m", new Input(3), new Dense(4, "relu"), new Dense(1));
        model.compile("adam", "mse");
        saved = dir.resolve("model.keras4j");
        model.save(saved);
        entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(saved.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
    }

    @Test
    void load_extraEntryInflatingTo10GiB_isNeverRead() throws IOException {
        Path bomb = dir.resolve("bomb.keras4j");
        ZipBomb.write(bomb, entries, "extra.bin", TEN_GIB, -1);
        assertTrue(Files.size(bomb) < 20 << 20, "the fixture stays small on disk: " + Files.size(bomb));
        Sequential original = Sequential.load(saved);

        Sequential loaded = cheaply(() -> Sequential.load(bomb));
        assertEquals(original.getWeights(), loaded.getWeights());
        Sequential target = new Sequential("m", new Input(3), new Dense(4, "relu"), new Dense(1));
        target.compile("adam", "mse");
        cheaply(() -> {
            target.loadWeights(bomb);
            return null;
        });
        assertEquals(original.getWeights(), target.getWeights());
    }

    @Test
    void load_weightsEntryInflatingTo10GiB_failsOnItsDeclaredSize() throws IOException {
        Path bomb = dir.resolve("bomb.keras4j");
        entries.remove("weights/dense/0.bin");
        ZipBomb.write(bomb, entries, "weights/dense/0.bin", TEN_GIB, -1);
        assertRejected(bomb, "weights/dense/0.bin declares " + TEN_GIB + " bytes, more than",
                "the 12 values of weight 0 of layer 'dense' (Dense)");
    }

    @Test
    void load_weightsEntryUnderstatingItsSize_stopsAtTheDeclaredSize() throws IOException {
        Path bomb = dir.resolve("bomb.keras4j");
        long honest = entries.remove("weights/dense/0.bin").length;
        ZipBomb.write(bomb, entries, "weights/dense/0.bin", TEN_GIB, honest);
        assertRejected(bomb, "weights/dense/0.bin inflates to more than " + honest
                + " bytes (the size its zip header declares)");
    }

    @Test
    void load_configInflatingTo10GiB_stopsAtTheConfigLimit() throws IOException {
        Path bomb = dir.resolve("bomb.keras4j");
        entries.remove("keras4j.json");
        ZipBomb.write(bomb, entries, "keras4j.json", TEN_GIB, 1000);
        assertRejected(bomb, "keras4j.json inflates to more than 1000 bytes");
        ZipBomb.write(bomb, entries, "keras4j.json", TEN_GIB, -1);
        assertRejected(bomb, "keras4j.json declares " + TEN_GIB + " bytes, more than " + (16 << 20));
    }

    @Test
    void load_twoBillionUnits_failsBeforeBuildingNamingTheLayer() throws IOException {
        Path hostile = withConfig(doc -> layer(doc, 1).put("units", 2_000_000_000));
        assertRejected(hostile, "layer 'dense' (Dense) declares 8000000000 parameters",
                "its weights record holds 16 [[3, 4], [4]]");
    }

    @Test
    void load_twoBillionUnitsWithAMatchingIndex_failsBeforeBuildingOnTheEntriesSizes() throws IOException {
        Path hostile = withConfig(doc -> {
            layer(doc, 1).put("units", 2_000_000_000);
            record(doc, 0).put("shapes", List.of(List.of(3, 2_000_000_000), List.of(2_000_000_000)));
        });
        assertRejected(hostile, "room for at most", "but layer 'dense' (Dense) declares 8000000000 parameters");
    }

    @Test
    void load_weightsHeaderClaiming2Pow40Values_failsBeforeAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(Nd4j.zeros(DataType.FLOAT, 3, 4), out);
        }
        byte[] w = bytes.toByteArray();
        // the data header is the second "MIXED_DATA_TYPES" + long length + "FLOAT" + values
        int lengthAt = w.length - 12 * 4 - 2 - "FLOAT".length() - 8;
        java.nio.ByteBuffer.wrap(w).putLong(lengthAt, 1L << 40);
        entries.put("weights/dense/0.bin", w);
        Path hostile = dir.resolve("hostile.keras4j");
        ZipBomb.write(hostile, entries, null, 0, -1);
        assertRejected(hostile, "weights/dense/0.bin does not hold a valid array", "1099511627776 values");
    }

    @Test
    void load_parameterCountMismatch_namesFileAndLayer() throws IOException {
        Path hostile = withConfig(doc -> layer(doc, 2).put("units", 3));
        assertRejected(hostile, "layer 'dense_1' (Dense) declares 15 parameters in keras4j.json's architecture but its"
                + " weights record holds 5 [[4, 1], [1]]");
    }

    @Test
    void load_storedArrayOfOtherShape_namesLayerIndexExpectedAndFound() throws IOException {
        entries.put("weights/dense/0.bin", ZipEntries.arrayBytes(Nd4j.zeros(DataType.FLOAT, 4, 3)));
        Path hostile = dir.resolve("hostile.keras4j");
        ZipBomb.write(hostile, entries, null, 0, -1);
        assertRejected(hostile, "layer 'dense' (Dense), weight 0: expected shape [3, 4], found [4, 3] in weights/dense/0.bin");
    }

    @Test
    void load_indexShapeOtherThanTheLayers_namesLayerIndexExpectedAndFound() throws IOException {
        Path hostile = withConfig(doc -> record(doc, 0).put("shapes", List.of(List.of(4, 3), List.of(4))));
        assertRejected(hostile, "layer 'dense' (Dense), weight 0: expected shape [3, 4], found [4, 3] in weights of keras4j.json");
    }

    @Test
    void load_missingWeightEntry_namesIt() throws IOException {
        entries.remove("weights/dense_1/1.bin");
        Path hostile = dir.resolve("hostile.keras4j");
        ZipBomb.write(hostile, entries, null, 0, -1);
        assertRejected(hostile, "it has no weights/dense_1/1.bin");
    }

    @Test
    void load_weightsOfAnotherLayer_listsMissingAndUnexpected() throws IOException {
        Path hostile = withConfig(doc -> record(doc, 1).put("layer", "head"));
        assertRejected(hostile, "missing [dense_1]", "unexpected [head]");
    }

    @Test
    void load_shapesAsString_namesRecordKeyExpectedAndFound() throws IOException {
        assertRejected(withConfig(doc -> record(doc, 1).put("shapes", "[[4, 1]]")),
                "keras4j.json, weights[1]: 'shapes' must be a list, found string");
    }

    @Test
    void load_optimizerStateFarLongerThanItsParameters_failsOnItsDeclaredSize() throws IOException {
        entries.put("optimizer.bin", ZipEntries.arrayBytes(Nd4j.zeros(DataType.FLOAT, 1, 1000)));
        Path hostile = dir.resolve("hostile.keras4j");
        ZipBomb.write(hostile, entries, null, 0, -1);
        assertRejected(hostile, "optimizer.bin declares", "the optimizer state of 21 parameters");
    }

    @Test
    void load_formatVersionAsString_namesKeyExpectedAndFound() throws IOException {
        assertRejected(withConfig(doc -> doc.put("format_version", "1")),
                "keras4j.json: 'format_version' must be an integer, found string \"1\"");
    }

    @Test
    void load_unitsAsString_namesLayerKeyExpectedAndFound() throws IOException {
        assertRejected(withConfig(doc -> layer(doc, 1).put("units", "4")),
                "keras4j.json, model.config.layers[1] (Dense): 'units' must be an integer, found string \"4\"");
    }

    @Test
    void load_compileMissing_namesKey() throws IOException {
        assertRejected(withConfig(doc -> doc.remove("compile")),
                "keras4j.json: 'compile' must be an object, found nothing");
    }

    @Test
    void load_layersMissing_namesKey() throws IOException {
        assertRejected(withConfig(doc -> config(doc).remove("layers")),
                "keras4j.json, model.config: 'layers' must be a list, found nothing");
    }

    @Test
    void load_layerThatIsNotAnObject_namesTheLayer() throws IOException {
        assertRejected(withConfig(doc -> layers(doc).set(2, List.of(1, 2))),
                "keras4j.json, model.config.layers[2]: 'class_name' must be an object", "found a list");
    }

    // ---- helpers ----

    /** Runs {@code load}, asserting it is fast and allocates little heap. */
    private static <T> T cheaply(java.util.concurrent.Callable<T> load) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return assertTimeoutPreemptively(Duration.ofMillis(1000), () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            T result = load.call();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < SMALL_HEAP, "allocated " + allocated + " bytes");
            return result;
        });
    }

    private void assertRejected(Path file, String... parts) {
        IllegalArgumentException e = cheaply(() -> assertThrows(IllegalArgumentException.class,
                () -> Sequential.load(file)));
        assertTrue(e.getMessage().startsWith(file + " is not a valid keras4j model file: "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
    }

    private Path withConfig(Consumer<Map<String, Object>> edit) throws IOException {
        Map<String, Object> doc = JSON.readValue(entries.get("keras4j.json"), new TypeReference<Map<String, Object>>() { });
        edit.accept(doc);
        entries.put("keras4j.json", JSON.writeValueAsBytes(doc));
        Path file = dir.resolve("edited.keras4j");
        ZipBomb.write(file, entries, null, 0, -1);
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> doc) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("model")).get("config");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> layers(Map<String, Object> doc) {
        return (List<Object>) config(doc).get("layers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Map<String, Object> doc, int i) {
        return ((List<Map<String, Object>>) doc.get("weights")).get(i);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layer(Map<String, Object> doc, int i) {
        return (Map<String, Object>) ((Map<String, Object>) layers(doc).get(i)).get("config");
    }
}
