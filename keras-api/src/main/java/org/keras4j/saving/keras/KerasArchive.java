package org.keras4j.saving.keras;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.layers.Layer;
import org.keras4j.saving.ArchiveReader;
import org.keras4j.saving.ModelArchive;
import org.keras4j.saving.ZipEntries;
import org.keras4j.saving.hdf5.Hdf5Reader;
import org.keras4j.saving.hdf5.Hdf5Writer;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Keras 3's {@code .keras} file: a zip of {@code metadata.json}, {@code config.json} (the model in Keras 3's
 * serialization schema, with {@code compile_config}) and {@code model.weights.h5} (each layer's variables under
 * {@code layers/...}, see {@link KerasVariablePaths}). Loading reads the three entries into memory, each bounded
 * (nothing is extracted to disk), checks every layer's stored values against its parameter count before the network
 * is built, and compiles the model as {@code compile_config} says (or only builds it when there is none, as Keras
 * returns such a model uncompiled). The optimizer's variables stored in the file are not restored: the optimizer
 * starts fresh. Saving writes the same three entries, atomically, without optimizer variables (Keras's
 * {@code load_model} then starts its optimizer fresh too).
 *
 * <pre>{@code
 * Model model = KerasArchive.load(Path.of("fashion.keras"));
 * KerasArchive.save(model, Path.of("again.keras"));
 * }</pre>
 */
final class KerasArchive {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    /** The Keras version whose format keras4j writes (and reads back); Keras only reads it for its messages. */
    static final String KERAS_VERSION = "3.13.2";
    private static final long MAX_JSON_BYTES = 16L << 20;
    /** Weights, plus room for an optimizer's slots (Adam's two per weight), plus HDF5's own headers. */
    private static final long STORED_VALUES_PER_PARAM = 4;
    private static final long MAX_H5_OVERHEAD = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ZipEntries ZIP = new ZipEntries("Keras model file", "Keras .keras file");

    private KerasArchive() {
    }

    /** The model in the {@code .keras} file at {@code path}; see the class comment. */
    static Model load(Path path) {
        try (ArchiveReader zip = ZIP.open(path)) {
            if (!zip.has(CONFIG)) {
                throw zip.corrupt("it has no " + CONFIG + " entry");
            }
            Map<String, Object> config = new LinkedHashMap<>(json(zip, CONFIG));
            if (zip.has(METADATA) && json(zip, METADATA).get("keras_version") instanceof String version) {
                config.putIfAbsent("keras_version", version); // which Keras wrote it decides a few meanings
            }
            Model model = KerasModelConfig.build(config, path.toString());
            try (Hdf5Reader h5 = weights(zip, model, path)) {
                StoredWeights stored = stored(h5, model, zip.declaredSize(WEIGHTS));
                stored.checkBeforeBuilding(model);
                Object compile = config.get("compile_config");
                if (compile instanceof Map<?, ?>) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> c = (Map<String, Object>) compile;
                    TrainingConfigs.compile(model, c, path.toString());
                } else if (compile != null) {
                    throw zip.corrupt(CONFIG + ": " + Configs.mistyped("compile_config", "an object", compile).getMessage());
                } else {
                    model.build();
                }
                stored.place();
            }
            return model;
        }
    }

    /** Loads the weights of a {@code .keras} file into {@code model} (built or compiled), by Keras's layer paths. */
    static void loadWeights(Model model, Path path) {
        try (ArchiveReader zip = ZIP.open(path); Hdf5Reader h5 = weights(zip, model, path)) {
            StoredWeights stored = stored(h5, model, zip.declaredSize(WEIGHTS));
            stored.checkBeforeBuilding(model);
            stored.place();
        }
    }

    /** Loads Keras 3's weights-only file ({@code model.save_weights("x.weights.h5")}) into {@code model}. */
    static void loadWeights(Model model, Hdf5Reader h5, long fileBytes) {
        StoredWeights stored = stored(h5, model, fileBytes);
        stored.checkBeforeBuilding(model);
        stored.place();
    }

    /** True if {@code h5} is laid out as Keras 3's weights ({@code layers/...}), not as the legacy format. */
    static boolean isKeras3Weights(Hdf5Reader h5) {
        return !h5.isGroup(LegacyH5.MODEL_WEIGHTS) && !h5.attributeNames("/").contains("layer_names")
                && (h5.isGroup("layers") || h5.isGroup("vars"));
    }

    /** Writes {@code model} (built or compiled) as a {@code .keras} file at {@code path}, atomically. */
    static void save(Model model, Path path) {
        requireBuilt(model, "save");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", KERAS_VERSION);
        metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        entries.put(METADATA, bytes(metadata));
        entries.put(CONFIG, bytes(KerasConfigWriter.modelConfig(model)));
        entries.put(WEIGHTS, weightsFile(model).toBytes());
        ZIP.write(path, entries);
    }

    /** Writes {@code model}'s weights alone in Keras 3's layout ({@code model.save_weights("x.weights.h5")}). */
    static void saveWeights(Model model, Path path) {
        requireBuilt(model, "saveWeights");
        weightsFile(model).write(path);
    }

    /** {@code model.weights.h5}: every Keras {@code vars} group with its name, each layer's weights in Keras's layout. */
    static Hdf5Writer weightsFile(Model model) {
        Map<Layer, List<INDArray>> weights = new IdentityHashMap<>();
        Map<Layer, Integer> counts = new IdentityHashMap<>();
        for (Layer l : model.layers()) {
            List<INDArray> w = l.getWeights();
            weights.put(l, w);
            counts.put(l, w.size());
        }
        Hdf5Writer out = new Hdf5Writer();
        Map<Layer, Integer> next = new IdentityHashMap<>();
        for (KerasVariablePaths.Group g : KerasVariablePaths.groups(model, counts)) {
            out.group(g.path());
            out.attribute(g.path(), "name", g.name());
            for (int i = 0; i < g.variables(); i++) {
                int at = next.merge(g.layer(), 1, Integer::sum) - 1;
                out.dataset(g.path() + "/" + i, weights.get(g.layer()).get(at));
            }
        }
        return out;
    }

    /** The file's datasets for each of {@code model}'s layers: every dataset of its groups, {@code 0, 1, ...} in order. */
    private static StoredWeights stored(Hdf5Reader h5, Model model, long fileBytes) {
        StoredWeights stored = new StoredWeights(h5, fileBytes);
        Map<Layer, List<String>> paths = new LinkedHashMap<>();
        for (KerasVariablePaths.Group g : KerasVariablePaths.groups(model, Map.of())) {
            if (g.layer() == null || !h5.isGroup(g.path())) {
                continue;
            }
            List<String> names = h5.children(g.path());
            for (int i = 0; i < names.size(); i++) {
                String p = g.path() + "/" + i;
                if (!h5.isDataset(p)) {
                    throw h5.corrupt(g.path(), "its variables must be datasets named 0 to " + (names.size() - 1)
                            + ", found " + names);
                }
                paths.computeIfAbsent(g.layer(), l -> new ArrayList<>()).add(p);
            }
        }
        paths.forEach((layer, p) -> stored.add(layer, p, List::copyOf));
        return stored;
    }

    private static Hdf5Reader weights(ArchiveReader zip, Model model, Path path) {
        if (!zip.has(WEIGHTS)) {
            throw zip.corrupt("it has no " + WEIGHTS + " entry" + (zip.has("model.weights.npz")
                    ? " (its weights are in model.weights.npz, which keras4j does not read)" : ""));
        }
        long params = ModelArchive.paramCounts(model).values().stream().mapToLong(Long::longValue)
                .reduce(0L, (a, b) -> a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b);
        long limit = params > (Long.MAX_VALUE - MAX_H5_OVERHEAD) / (Float.BYTES * STORED_VALUES_PER_PARAM)
                ? Long.MAX_VALUE : params * Float.BYTES * STORED_VALUES_PER_PARAM + MAX_H5_OVERHEAD;
        byte[] bytes = zip.read(WEIGHTS, limit, "the most the " + params + " parameters of its config and an"
                + " optimizer's state take");
        return Hdf5Reader.fromBytes(bytes, WEIGHTS + " in " + path);
    }

    private static Map<String, Object> json(ArchiveReader zip, String entry) {
        byte[] bytes = zip.read(entry, MAX_JSON_BYTES, "the most a model config takes");
        try {
            return JSON.readValue(new String(bytes, StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw zip.corrupt(entry + " is not a JSON object (" + e.getMessage() + ")");
        }
    }

    private static byte[] bytes(Map<String, Object> json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }

    private static void requireBuilt(Model model, String operation) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("You must call compile() or build() before " + operation + "() on model '"
                    + model.name() + "': keras4j creates the weights then");
        }
    }
}
