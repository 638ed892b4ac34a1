package org.keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Sequential;
import org.keras4j.engine.Compiled;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.losses.Losses;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Metrics;
import org.keras4j.optimizers.Optimizers;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * keras4j's model file: one zip holding {@code keras4j.json} (architecture in keras4j's own
 * terms, compile settings, seed, training counters), {@code weights.bin} and
 * {@code optimizer.bin} (ND4J binary arrays). Written atomically; a missing, truncated or
 * foreign file fails with one clear message.
 *
 * <pre>{@code
 * ModelArchive.save(model, Path.of("model.keras4j"));
 * Sequential restored = ModelArchive.load(Path.of("model.keras4j"));
 * }</pre>
 */
public final class ModelArchive {
    static final String FORMAT = "keras4j";
    static final int VERSION = 1;
    private static final String CONFIG = "keras4j.json";
    private static final String WEIGHTS = "weights.bin";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZipEntries ZIP = new ZipEntries("model file", "keras4j model file");

    private ModelArchive() {
    }

    public static void save(Sequential model, Path path) {
        Compiled c = model.compiled();
        Map<String, Object> doc = header("model");
        doc.put("model", architecture(model));
        Map<String, Object> compile = new LinkedHashMap<>();
        compile.put("optimizer", Configs.serialize(c.optimizer()));
        compile.put("loss", Configs.serialize(c.loss()));
        List<Object> metrics = new ArrayList<>();
        c.metrics().forEach(m -> metrics.add(Configs.serialize(m)));
        compile.put("metrics", metrics);
        compile.put("seed", c.seed());
        doc.put("compile", compile);
        doc.put("iterations", c.network().iterationCount());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, json(doc));
        entries.put(WEIGHTS, ZipEntries.arrayBytes(c.network().params()));
        INDArray optimizerState = c.network().optimizerState();
        if (optimizerState.length() > 0) { // stateless updaters (plain SGD) have none
            entries.put(OPTIMIZER, ZipEntries.arrayBytes(optimizerState));
        }
        ZIP.write(path, entries);
    }

    @SuppressWarnings("unchecked")
    public static Sequential load(Path path) {
        Map<String, byte[]> entries = ZIP.read(path);
        Map<String, Object> doc = document(path, entries, "model");
        Sequential model = rebuild(path, (Map<String, Object>) doc.get("model"));
        Map<String, Object> compile = (Map<String, Object>) doc.get("compile");
        List<Metric> metrics = new ArrayList<>();
        for (Object m : (List<Object>) compile.get("metrics")) {
            metrics.add(Configs.deserialize(m, Metrics::fromConfig));
        }
        model.compile(Configs.deserialize(compile.get("optimizer"), Optimizers::fromConfig),
                Configs.deserialize(compile.get("loss"), Losses::fromConfig), metrics,
                ((Number) compile.get("seed")).longValue());
        model.network().setParams(ZIP.readArray(path, entries, WEIGHTS));
        if (entries.containsKey(OPTIMIZER)) {
            model.network().setOptimizerState(ZIP.readArray(path, entries, OPTIMIZER));
        }
        model.network().setIterationCount(((Number) doc.getOrDefault("iterations", 0)).intValue());
        return model;
    }

    public static void saveWeights(Sequential model, Path path) {
        Map<String, Object> doc = header("weights");
        doc.put("model", architecture(model));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, json(doc));
        entries.put(WEIGHTS, ZipEntries.arrayBytes(model.getWeights()));
        ZIP.write(path, entries);
    }

    public static void loadWeights(Sequential model, Path path) {
        Map<String, byte[]> entries = ZIP.read(path);
        document(path, entries, null);
        INDArray weights = ZIP.readArray(path, entries, WEIGHTS);
        if (weights.length() != model.countParams()) {
            throw new IllegalArgumentException(path + " holds " + weights.length() + " weights but model '" + model.name()
                    + "' has " + model.countParams() + " parameters: the architectures differ");
        }
        model.setWeights(weights);
    }

    private static Map<String, Object> header(String kind) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("format_version", VERSION);
        doc.put("kind", kind);
        return doc;
    }

    private static Map<String, Object> architecture(Sequential model) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("class_name", "Sequential");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        List<Object> layers = new ArrayList<>();
        layers.add(Configs.serialize(model.input()));
        for (Layer l : model.layers()) {
            layers.add(Configs.serialize(l));
        }
        config.put("layers", layers);
        arch.put("config", config);
        return arch;
    }

    @SuppressWarnings("unchecked")
    private static Sequential rebuild(Path path, Map<String, Object> arch) {
        if (arch == null || !"Sequential".equals(arch.get("class_name"))) {
            throw corrupt(path, "it does not describe a Sequential model");
        }
        Map<String, Object> config = (Map<String, Object>) arch.get("config");
        Sequential model = new Sequential((String) config.get("name"));
        for (Object l : (List<Object>) config.get("layers")) {
            model.add(Configs.deserialize(l, Layers::fromConfig));
        }
        return model;
    }

    private static Map<String, Object> document(Path path, Map<String, byte[]> entries, String requiredKind) {
        byte[] cfg = entries.get(CONFIG);
        if (cfg == null) {
            throw corrupt(path, "it has no " + CONFIG);
        }
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(cfg, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw corrupt(path, CONFIG + " is not valid JSON (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(doc.get("format"))) {
            throw corrupt(path, "its format is '" + doc.get("format") + "'");
        }
        int version = ((Number) doc.getOrDefault("format_version", -1)).intValue();
        if (version > VERSION) {
            throw new IllegalArgumentException(path + " was written by a newer keras4j (format version " + version
                    + "); this version reads up to " + VERSION);
        }
        if (requiredKind != null && !requiredKind.equals(doc.get("kind"))) {
            throw new IllegalArgumentException(path + " holds " + doc.get("kind") + " only, not a whole model:"
                    + " build the model, compile it, then call loadWeights");
        }
        return doc;
    }

    private static byte[] json(Map<String, Object> doc) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalArgumentException corrupt(Path path, String why) {
        return ZIP.corrupt(path, why);
    }
}
