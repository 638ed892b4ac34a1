package org.keras4j.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.keras4j.Functional;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.engine.Compiled;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.losses.Loss;
import org.keras4j.losses.Losses;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Metrics;
import org.keras4j.optimizers.Optimizers;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * keras4j's model file: one zip holding {@code keras4j.json} (the architecture as Keras's {@code Sequential} config or,
 * for any other model, Keras's functional config ({@link GraphConfig}) with keras4j's layer configs; compile settings
 * per output; seed; training counters; the index of the weights), the weights per layer in Keras's layout
 * ({@code weights/<layer name>/<index>.bin}, see {@link WeightEntries}) and {@code optimizer.bin}. The weights-only
 * file ({@link #saveWeights}) holds the same minus compile settings and optimizer state. Written atomically; a
 * missing, truncated or foreign file fails with one clear message. Loading reads only these entries and trusts no
 * declared size: every layer's parameter count must fit its entries' bytes before the network is allocated, each
 * entry inflates to at most what its layer expects, and a mistyped or missing configuration value names the file,
 * the place in {@code keras4j.json}, the key, the expected and the found type.
 *
 * <p>Format version 2 (this one) stores the weights per layer; version 1 stored DL4J's flat parameter vector in
 * {@code weights.bin}, and such files still load. The optimizer state is DL4J's flat updater-state vector in both:
 * it is tied to DL4J's parameter order (a file restores it only into the network its architecture rebuilds), and its
 * length is bounded by the parameter count before it is read.
 *
 * <pre>{@code
 * ModelArchive.save(model, Path.of("model.keras4j"));
 * Model restored = ModelArchive.load(Path.of("model.keras4j"));
 * }</pre>
 */
public final class ModelArchive {
    static final String FORMAT = "keras4j";
    static final int VERSION = 2;
    /** Version 1: DL4J's flat parameter vector in {@link #FLAT_WEIGHTS}. */
    static final int FLAT_WEIGHTS_VERSION = 1;
    static final String CONFIG = "keras4j.json";
    static final String FLAT_WEIGHTS = "weights.bin";
    static final String OPTIMIZER = "optimizer.bin";
    /** keras4j.json is a few kilobytes; far more than any real one, far less than memory. */
    static final long MAX_CONFIG_BYTES = 16L << 20;
    /** Optimizer state per parameter: Adam's two moments, AMSGrad's three; four leaves room. */
    private static final long MAX_STATE_PER_PARAM = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZipEntries ZIP = new ZipEntries("model file", "keras4j model file");

    private ModelArchive() {
    }

    /**
     * Writes {@code model} (compiled) with its weights, compile settings and optimizer state to {@code path}.
     *
     * @throws IllegalStateException if the model is not compiled
     */
    public static void save(Model model, Path path) {
        Compiled c = model.compiled();
        Map<String, Object> doc = header("model");
        doc.put("model", architecture(model));
        doc.put("compile", compileConfig(c));
        doc.put("iterations", c.network().iterationCount());
        Map<String, byte[]> weights = new LinkedHashMap<>();
        doc.put(WeightEntries.INDEX, WeightEntries.write(paramCounts(model), weights));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, json(doc));
        entries.putAll(weights);
        INDArray optimizerState = c.network().optimizerState();
        if (optimizerState.length() > 0) { // stateless updaters (plain SGD) have none
            entries.put(OPTIMIZER, ZipEntries.arrayBytes(optimizerState));
        }
        ZIP.write(path, entries);
    }

    /**
     * Reads a model written by {@link #save} (format version 1 or 2): rebuilds the architecture, compiles it with the
     * saved settings and seed, places the weights by layer name, and restores the optimizer state and step count.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, corrupt, not a keras4j model file, or
     *                                  holds weights that do not fit its architecture (naming the layer)
     */
    public static Model load(Path path) {
        try (ArchiveReader zip = ZIP.open(path)) {
            Map<String, Object> doc = document(zip, "model");
            Map<String, Object> compile = in(zip, "", () -> Configs.requireMap(doc, "compile"));
            Model model = rebuild(zip, doc);
            Map<Layer, Long> counts = paramCounts(model);
            // everything the file declares is checked against what it holds before the network is allocated
            Map<String, WeightEntries.Stored> index = null;
            StoredArray flat = null;
            if (version(zip, doc) == FLAT_WEIGHTS_VERSION) {
                flat = readFlatWeights(zip, model);
            } else {
                index = WeightEntries.index(zip, doc);
                WeightEntries.checkBeforeBuilding(zip, index, counts);
            }
            in(zip, "compile", () -> {
                compile(model, compile);
                return null;
            });
            int iterations = in(zip, "", () -> Configs.getInt(doc, "iterations", 0));
            if (flat != null) {
                model.network().setParams(flat.toINDArray());
            } else {
                WeightEntries.place(zip, index, model, counts, zip::corrupt);
            }
            if (zip.has(OPTIMIZER)) {
                long params = model.countParams();
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

    /**
     * Writes the weights of {@code model} (compiled), per layer, with its architecture for reference.
     *
     * @throws IllegalStateException if the model is not compiled
     */
    public static void saveWeights(Model model, Path path) {
        model.compiled();
        Map<String, Object> doc = header("weights");
        doc.put("model", architecture(model));
        Map<String, byte[]> weights = new LinkedHashMap<>();
        doc.put(WeightEntries.INDEX, WeightEntries.write(paramCounts(model), weights));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, json(doc));
        entries.putAll(weights);
        ZIP.write(path, entries);
    }

    /**
     * Loads the weights of a file written by {@link #saveWeights} or {@link #save} into the compiled {@code model},
     * layer by layer, matched by name as Keras's {@code load_weights}. Nothing is written unless every layer fits.
     * A version 1 file (DL4J's flat vector) loads into a model of the same parameter count.
     *
     * @throws IllegalStateException    if the model is not compiled
     * @throws IllegalArgumentException if the file is missing or corrupt, lacks weights for a layer of the model or
     *                                  holds weights for a layer the model does not have (listing both), or a
     *                                  weight's shape differs (naming the layer, the index, expected and found)
     */
    public static void loadWeights(Model model, Path path) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("You must call compile() before loadWeights() on model '" + model.name()
                    + "' (or build() it): keras4j creates the weights when the model is compiled");
        }
        try (ArchiveReader zip = ZIP.open(path)) {
            Map<String, Object> doc = document(zip, null);
            if (version(zip, doc) == FLAT_WEIGHTS_VERSION) {
                loadFlatWeights(zip, model);
                return;
            }
            WeightEntries.place(zip, WeightEntries.index(zip, doc), model, paramCounts(model),
                    why -> new IllegalArgumentException(path + " does not hold the weights of model '" + model.name()
                            + "': " + why));
        }
    }

    /**
     * Each layer of {@code model} and its parameter count, from shape inference alone (nothing is allocated);
     * {@code Long.MAX_VALUE} for a count that overflows (a hostile configuration).
     */
    public static Map<Layer, Long> paramCounts(Model model) {
        Map<Layer, Shape> firstCall = new IdentityHashMap<>();
        for (Node n : model.nodes()) { // a layer is built by its first call in this model, as in Keras
            firstCall.putIfAbsent(n.layer(), n.inbound().get(0).shape());
        }
        Map<Layer, Long> counts = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            Shape in = firstCall.get(l);
            long n = in == null ? 0 : l.countParams(in); // an Input is never called
            counts.put(l, n < 0 ? Long.MAX_VALUE : n);
        }
        return counts;
    }

    /** {@code n} for a message: the number, or "more than" the largest long for a saturated count. */
    static String count(long n) {
        return n == Long.MAX_VALUE ? "more than " + (Long.MAX_VALUE - 1) : Long.toString(n);
    }

    static long saturatingAdd(long total, long n) {
        return n < 0 || total > Long.MAX_VALUE - n ? Long.MAX_VALUE : total + n;
    }

    private static Map<String, Object> header(String kind) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("format_version", VERSION);
        doc.put("kind", kind);
        return doc;
    }

    /**
     * The architecture as Keras's model config: a {@code Sequential}'s layers in order (its {@code InputLayer}
     * first), or any other model as Keras's functional config ({@link GraphConfig}).
     */
    private static Map<String, Object> architecture(Model model) {
        Map<String, Object> arch = new LinkedHashMap<>();
        if (model instanceof Sequential sequential) {
            arch.put("class_name", "Sequential");
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", model.name());
            List<Object> layers = new ArrayList<>();
            layers.add(Configs.serialize(sequential.input()));
            for (Layer l : model.layers()) {
                layers.add(Configs.serialize(l));
            }
            config.put("layers", layers);
            arch.put("config", config);
        } else {
            arch.put("class_name", "Functional");
            arch.put("config", GraphConfig.write(model.name(), model.inputs(), model.outputs()));
        }
        return arch;
    }

    private static Model rebuild(ArchiveReader zip, Map<String, Object> doc) {
        Map<String, Object> arch = in(zip, "", () -> Configs.requireMap(doc, "model"));
        Object kind = arch.get("class_name");
        if (!"Sequential".equals(kind) && !"Functional".equals(kind)) {
            throw zip.corrupt(CONFIG + ", model: 'class_name' must be \"Sequential\" or \"Functional\", found "
                    + Configs.describe(kind));
        }
        Map<String, Object> config = in(zip, "model", () -> Configs.requireMap(arch, "config"));
        if ("Functional".equals(kind)) {
            GraphConfig.Graph graph = GraphConfig.read(zip, config, "model.config");
            return in(zip, "model.config", () -> new Functional(graph.name(), graph.inputs(), graph.outputs()));
        }
        List<?> layers = in(zip, "model.config", () -> Configs.requireList(config, "layers"));
        Sequential model = new Sequential(in(zip, "model.config", () -> Configs.getString(config, "name", "sequential")));
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
     * What {@code compile} resolved, as Keras's compile config: for one output {@code loss} and {@code metrics} (a
     * list), for several a loss per output, {@code metrics} a list per output; {@code loss_weights} one per output
     * unless all are 1.
     */
    private static Map<String, Object> compileConfig(Compiled c) {
        Map<String, Object> compile = new LinkedHashMap<>();
        compile.put("optimizer", Configs.serialize(c.optimizer()));
        List<Object> losses = new ArrayList<>();
        List<Object> weights = new ArrayList<>();
        List<Object> metrics = new ArrayList<>();
        for (CompiledOutput out : c.outputs()) {
            losses.add(Configs.serialize(out.loss()));
            weights.add(out.lossWeight());
            metrics.add(out.metrics().stream().map(Configs::serialize).toList());
        }
        boolean single = c.outputs().size() == 1;
        compile.put("loss", single ? losses.get(0) : losses);
        if (c.outputs().stream().anyMatch(o -> o.lossWeight() != 1.0)) {
            compile.put("loss_weights", weights);
        }
        compile.put("metrics", single ? metrics.get(0) : metrics);
        compile.put("seed", c.seed());
        return compile;
    }

    /** Compiles {@code model} as {@link #compileConfig} recorded, with the saved seed. */
    private static void compile(Model model, Map<String, Object> compile) {
        int outputs = model.outputs().size();
        Object loss = required(compile, "loss");
        List<Loss> losses = new ArrayList<>();
        List<List<Metric>> metrics = new ArrayList<>();
        if (loss instanceof List<?> perOutput) {
            List<?> metricLists = Configs.requireList(compile, "metrics");
            if (perOutput.size() != outputs || metricLists.size() != outputs) {
                throw Configs.mistyped("loss", "one loss and one list of metrics per output (" + outputs + ")",
                        perOutput.size() + " losses and " + metricLists.size() + " lists of metrics");
            }
            for (int i = 0; i < outputs; i++) {
                losses.add(Configs.deserialize(perOutput.get(i), Losses::fromConfig));
                if (!(metricLists.get(i) instanceof List<?> list)) {
                    throw Configs.mistyped("metrics[" + i + "]", "a list", metricLists.get(i));
                }
                metrics.add(metricsOf(list));
            }
        } else {
            if (outputs != 1) {
                throw Configs.mistyped("loss", "a list of one loss per output (" + outputs + ")", loss);
            }
            losses.add(Configs.deserialize(loss, Losses::fromConfig));
            metrics.add(metricsOf(Configs.requireList(compile, "metrics")));
        }
        List<Double> weights = null;
        if (compile.get("loss_weights") != null) {
            List<?> given = Configs.requireList(compile, "loss_weights");
            weights = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                weights.add(Configs.toDouble("loss_weights[" + i + "]", given.get(i)));
            }
        }
        model.compile(Configs.deserialize(required(compile, "optimizer"), Optimizers::fromConfig), losses, weights,
                metrics, Configs.toLong("seed", compile.get("seed")));
    }

    private static List<Metric> metricsOf(List<?> configs) {
        List<Metric> out = new ArrayList<>();
        for (Object m : configs) {
            out.add(Configs.deserialize(m, Metrics::fromConfig));
        }
        return out;
    }

    /**
     * A version 1 file's flat weights for {@code model} rebuilt from it, checked against the architecture twice: the
     * parameter count must fit the bytes the zip declares for the entry (a stored value takes at least
     * {@link StoredArray#MIN_WIDTH} bytes) before anything is inflated, and must equal the stored count after.
     */
    private static StoredArray readFlatWeights(ArchiveReader zip, Model model) {
        long declared = 0;
        for (long n : paramCounts(model).values()) {
            declared = saturatingAdd(declared, n);
        }
        long size = zip.declaredSize(FLAT_WEIGHTS);
        if (size >= 0 && declared > size / StoredArray.MIN_WIDTH) {
            throw zip.corrupt(FLAT_WEIGHTS + " holds " + size + " bytes, room for at most " + size / StoredArray.MIN_WIDTH
                    + " parameters, but " + firstLayerBeyond(model, size / StoredArray.MIN_WIDTH)
                    + ": the architecture in " + CONFIG + " and the weights disagree");
        }
        StoredArray weights = zip.readArray(FLAT_WEIGHTS, declared, "the " + declared + " parameters " + CONFIG + " declares");
        if (weights.length() != declared) {
            String beyond = firstLayerBeyond(model, weights.length());
            throw zip.corrupt(FLAT_WEIGHTS + " holds " + weights.length() + " parameters but the architecture in " + CONFIG
                    + " has " + declared + (beyond == null ? "" : " (" + beyond + ")") + ": they disagree");
        }
        return weights;
    }

    /** {@link #loadWeights} of a version 1 file: DL4J's flat vector, which fits a model of the same count only. */
    private static void loadFlatWeights(ArchiveReader zip, Model model) {
        long params = model.countParams();
        StoredArray weights = zip.readArray(FLAT_WEIGHTS, params, "the " + params + " parameters of model '" + model.name() + "'");
        if (weights.length() != params) {
            String beyond = firstLayerBeyond(model, weights.length());
            throw new IllegalArgumentException(zip.path() + " holds " + weights.length() + " weights but model '"
                    + model.name() + "' has " + params + " parameters" + (beyond == null ? "" : " (" + beyond + ")")
                    + ": the architectures differ");
        }
        model.network().setParams(weights.toINDArray());
    }

    /** Names the first layer whose parameters take the model's count past {@code stored}; null if none does. */
    private static String firstLayerBeyond(Model model, long stored) {
        long total = 0;
        for (Map.Entry<Layer, Long> c : paramCounts(model).entrySet()) {
            total = saturatingAdd(total, c.getValue());
            if (total > stored) {
                Layer l = c.getKey();
                return "layer '" + l.name() + "' (" + l.className() + ") declares " + count(c.getValue())
                        + " parameters, which brings the count to " + (total == Long.MAX_VALUE ? "more than " + stored : total);
            }
        }
        return null;
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
        int version = version(zip, doc);
        if (version < FLAT_WEIGHTS_VERSION) {
            throw zip.corrupt(CONFIG + ": 'format_version' must be an integer from " + FLAT_WEIGHTS_VERSION + " to "
                    + VERSION + ", found " + Configs.describe(doc.get("format_version")));
        }
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

    private static int version(ArchiveReader zip, Map<String, Object> doc) {
        return in(zip, "", () -> Configs.getInt(doc, "format_version", -1));
    }

    /**
     * Runs a read of the configuration, turning its failures into one exception naming the file, where in
     * {@code keras4j.json} ({@code where}) and, from {@link Configs}, the key, the expected and the found type.
     */
    static <T> T in(ArchiveReader zip, String where, Supplier<T> read) {
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
