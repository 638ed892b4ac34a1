package org.keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.Shape;
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
 * foreign file fails with one clear message. Loading reads only these entries and trusts no
 * declared size: the architecture's parameter count must fit the weights entry's bytes before the
 * network is allocated, each entry inflates to at most what the format allows, and a mistyped or
 * missing configuration value names the file, the place in {@code keras4j.json}, the key, the
 * expected and the found type.
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
    /** keras4j.json is a few kilobytes; far more than any real one, far less than memory. */
    static final long MAX_CONFIG_BYTES = 16L << 20;
    /** Optimizer state per parameter: Adam's two moments, AMSGrad's three; four leaves room. */
    private static final long MAX_STATE_PER_PARAM = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZipEntries ZIP = new ZipEntries("model file", "keras4j model file");

    private ModelArchive() {
    }

    public static void save(Model model, Path path) {
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

    public static Model load(Path path) {
        try (ArchiveReader zip = ZIP.open(path)) {
            Map<String, Object> doc = document(zip, "model");
            Map<String, Object> compile = in(zip, "", () -> Configs.requireMap(doc, "compile"));
            Sequential model = rebuild(zip, doc);
            // everything the file declares is checked against what it holds before the network is allocated
            StoredArray weights = readWeights(zip, model);
            in(zip, "compile", () -> {
                List<Metric> metrics = new ArrayList<>();
                for (Object m : Configs.requireList(compile, "metrics")) {
                    metrics.add(Configs.deserialize(m, Metrics::fromConfig));
                }
                model.compile(Configs.deserialize(required(compile, "optimizer"), Optimizers::fromConfig),
                        Configs.deserialize(required(compile, "loss"), Losses::fromConfig), metrics,
                        Configs.toLong("seed", compile.get("seed")));
                return null;
            });
            int iterations = in(zip, "", () -> Configs.getInt(doc, "iterations", 0));
            model.network().setParams(weights.toINDArray());
            if (zip.has(OPTIMIZER)) {
                long params = weights.length();
                StoredArray state = zip.readArray(OPTIMIZER, params > Long.MAX_VALUE / MAX_STATE_PER_PARAM
                        ? Long.MAX_VALUE : params * MAX_STATE_PER_PARAM, "the optimizer state of " + params + " parameters");
                try {
                    model.network().setOptimizerState(state.toINDArray());
                } catch (IllegalArgumentException e) {
                    throw cause(zip.corrupt(OPTIMIZER + " does not match the optimizer in " + CONFIG + ": "
                            + e.getMessage()), e);
                }
            }
            model.network().setIterationCount(iterations);
            return model;
        }
    }

    public static void saveWeights(Model model, Path path) {
        Map<String, Object> doc = header("weights");
        doc.put("model", architecture(model));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, json(doc));
        entries.put(WEIGHTS, ZipEntries.arrayBytes(model.getWeights()));
        ZIP.write(path, entries);
    }

    public static void loadWeights(Model model, Path path) {
        try (ArchiveReader zip = ZIP.open(path)) {
            document(zip, null);
            long params = model.countParams();
            StoredArray weights = zip.readArray(WEIGHTS, params, "the " + params + " parameters of model '" + model.name() + "'");
            if (weights.length() != params) {
                String beyond = firstLayerBeyond(model, weights.length());
                throw new IllegalArgumentException(path + " holds " + weights.length() + " weights but model '"
                        + model.name() + "' has " + params + " parameters" + (beyond == null ? "" : " (" + beyond + ")")
                        + ": the architectures differ");
            }
            model.setWeights(weights.toINDArray());
        }
    }

    private static Sequential sequential(Model model) {
        if (model instanceof Sequential s) {
            return s;
        }
        throw new UnsupportedOperationException("saving a " + model.getClass().getSimpleName() + " model is not"
                + " supported yet, only Sequential");
    }

    private static Map<String, Object> header(String kind) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("format_version", VERSION);
        doc.put("kind", kind);
        return doc;
    }

    private static Map<String, Object> architecture(Model anyModel) {
        Sequential model = sequential(anyModel);
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

    private static Sequential rebuild(ArchiveReader zip, Map<String, Object> doc) {
        Map<String, Object> arch = in(zip, "", () -> Configs.requireMap(doc, "model"));
        if (!"Sequential".equals(arch.get("class_name"))) {
            throw zip.corrupt(CONFIG + ", model: 'class_name' must be \"Sequential\", found "
                    + Configs.describe(arch.get("class_name")));
        }
        Map<String, Object> config = in(zip, "model", () -> Configs.requireMap(arch, "config"));
        List<?> layers = in(zip, "model.config", () -> Configs.requireList(config, "layers"));
        Sequential model = new Sequential(Configs.getString(config, "name", "sequential"));
        for (int i = 0; i < layers.size(); i++) {
            Object layer = layers.get(i);
            String where = "model.config.layers[" + i + "]" + (layer instanceof Map<?, ?> m && m.get("class_name") != null
                    ? " (" + m.get("class_name") + ")" : "");
            in(zip, where, () -> model.add(Configs.deserialize(layer, Layers::fromConfig)));
        }
        if (model.input() == null || model.layers().isEmpty()) {
            throw zip.corrupt(CONFIG + ", model.config: 'layers' must hold an InputLayer then at least one layer, found "
                    + layers.size() + " layer(s)" + (model.input() == null ? " and no InputLayer" : ""));
        }
        return model;
    }

    /**
     * The weights of {@code model} rebuilt from the file, checked against the architecture twice: the parameter
     * count must fit the bytes the zip declares for the entry (a stored value takes at least
     * {@link StoredArray#MIN_WIDTH} bytes) before anything is inflated, and must equal the stored count after.
     */
    private static StoredArray readWeights(ArchiveReader zip, Sequential model) {
        long declared = declaredParams(model);
        long size = zip.declaredSize(WEIGHTS);
        if (size >= 0 && declared > size / StoredArray.MIN_WIDTH) {
            throw zip.corrupt(WEIGHTS + " holds " + size + " bytes, room for at most " + size / StoredArray.MIN_WIDTH
                    + " parameters, but " + firstLayerBeyond(model, size / StoredArray.MIN_WIDTH)
                    + ": the architecture in " + CONFIG + " and the weights disagree");
        }
        StoredArray weights = zip.readArray(WEIGHTS, declared, "the " + declared + " parameters " + CONFIG + " declares");
        if (weights.length() != declared) {
            String beyond = firstLayerBeyond(model, weights.length());
            throw zip.corrupt(WEIGHTS + " holds " + weights.length() + " parameters but the architecture in " + CONFIG
                    + " has " + declared + (beyond == null ? "" : " (" + beyond + ")") + ": they disagree");
        }
        return weights;
    }

    /** The model's parameter count; {@code Long.MAX_VALUE} if it overflows (a hostile configuration). */
    private static long declaredParams(Sequential model) {
        long total = 0;
        Shape s = model.inputShape();
        for (Layer l : model.layers()) {
            total = saturatingAdd(total, l.countParams(s));
            s = l.computeOutputShape(s);
        }
        return total;
    }

    /** Names the first layer whose parameters take the model's count past {@code stored}; null if none does. */
    private static String firstLayerBeyond(Model anyModel, long stored) {
        Sequential model = sequential(anyModel);
        long total = 0;
        Shape s = model.inputShape();
        for (Layer l : model.layers()) {
            long n = l.countParams(s);
            total = saturatingAdd(total, n);
            if (total > stored) {
                return "layer '" + l.name() + "' (" + l.className() + ") declares " + (n < 0 ? "more than " + Long.MAX_VALUE : n)
                        + " parameters, which brings the count to " + (total == Long.MAX_VALUE ? "more than " + stored : total);
            }
            s = l.computeOutputShape(s);
        }
        return null;
    }

    private static long saturatingAdd(long total, long n) {
        return n < 0 || total > Long.MAX_VALUE - n ? Long.MAX_VALUE : total + n;
    }

    private static Map<String, Object> document(ArchiveReader zip, String requiredKind) {
        byte[] cfg = zip.read(CONFIG, MAX_CONFIG_BYTES, "the most a " + CONFIG + " may take");
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(cfg, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw cause(zip.corrupt(CONFIG + " is not a valid JSON object (" + e.getMessage() + ")"), e);
        }
        if (doc == null || !FORMAT.equals(doc.get("format"))) {
            throw zip.corrupt(CONFIG + ": 'format' must be \"" + FORMAT + "\", found "
                    + Configs.describe(doc == null ? null : doc.get("format")));
        }
        int version = in(zip, "", () -> Configs.getInt(doc, "format_version", -1));
        if (version > VERSION) {
            throw new IllegalArgumentException(zip.path() + " was written by a newer keras4j (format version " + version
                    + "); this version reads up to " + VERSION);
        }
        if (requiredKind != null && !requiredKind.equals(doc.get("kind"))) {
            throw new IllegalArgumentException(zip.path() + " holds " + doc.get("kind") + " only, not a whole model:"
                    + " build the model, compile it, then call loadWeights");
        }
        return doc;
    }

    /**
     * Runs a read of the configuration, turning its failures into one exception naming the file, where in
     * {@code keras4j.json} ({@code where}) and, from {@link Configs}, the key, the expected and the found type.
     */
    private static <T> T in(ArchiveReader zip, String where, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            // ClassCastException, NullPointerException: a layer's config reader that does not check its types yet
            String what = e instanceof IllegalArgumentException ? e.getMessage() : "a missing or mistyped value ("
                    + e.getMessage() + ")";
            throw cause(zip.corrupt(CONFIG + (where.isEmpty() ? "" : ", " + where) + ": " + what), e);
        }
    }

    private static Object required(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            throw Configs.mistyped(key, "an object {\"class_name\": ..., \"config\": {...}}", null);
        }
        return v;
    }

    private static IllegalArgumentException cause(IllegalArgumentException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    private static byte[] json(Map<String, Object> doc) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
