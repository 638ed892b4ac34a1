package org.keras4j.saving.keras;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Functional;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.layers.core.Input;
import org.keras4j.saving.GraphConfig;
import org.keras4j.saving.keras.IncompatibleModelException.Problem;
import org.keras4j.saving.keras.LayerTranslator.Translated;
import org.keras4j.utils.Configs;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras's {@code model_from_json} and the config part of {@code load_model}: an uncompiled keras4j
 * {@link Sequential} or {@link Functional} from a Keras model config {@code {"class_name", "config"}} as Keras 1.x,
 * 2.x, tf.keras and 3.x write it ({@code model.to_json()}, a legacy {@code .h5}'s {@code model_config} attribute, a
 * {@code .keras} file's {@code config.json}). Every layer keeps its Keras name, so weights can be matched by it.
 *
 * <p>Before anything is built, the whole config is checked and every problem collected (arguments keras4j does not
 * honour, layer classes it lacks, custom objects, {@code Lambda}, inputs of unknown size): the load fails with one
 * {@link IncompatibleModelException} listing them all. Nothing in the file is executed.
 *
 * <p>Keras 1 / 2 and Keras 3 differ in one formula keras4j must follow: {@code hard_sigmoid} is
 * {@code clip(0.2 x + 0.5, 0, 1)} before Keras 3. A top-level {@code "keras_version"} (which {@code to_json} writes;
 * a caller reading an {@code .h5} may add the file's) decides; without it the config's own form does (Keras 3 writes
 * {@code module}s, {@code DTypePolicy} objects, {@code batch_shape}).
 *
 * <p>A {@code .keras} config's {@code build_config} is not needed (keras4j infers every shape from the inputs) and its
 * {@code compile_config} is left to {@link TrainingConfigs#compile}. keras4j's DL4J backend starts biases from a
 * constant, so a random {@code bias_initializer} becomes zeros, with a warning: the file's weights replace it.
 *
 * <pre>{@code
 * Model model = KerasModelConfig.fromJson(Files.readString(Path.of("model.json")), "model.json");
 * model.summary();
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class KerasModelConfig {
    /** The most characters a model config may take: far more than any real one (a few hundred KB), far less than memory. */
    public static final int MAX_JSON_CHARS = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasModelConfig() {
    }

    /**
     * {@link #build} from JSON text, bounded to {@link #MAX_JSON_CHARS} before it is parsed.
     *
     * @throws IllegalArgumentException        if the text is too long, not JSON or not a JSON object
     * @throws IncompatibleModelException      listing every problem, if keras4j cannot build the model
     */
    public static Model fromJson(String json, String source) {
        if (json == null) {
            throw new IllegalArgumentException(source + ": the model config must not be null");
        }
        if (json.length() > MAX_JSON_CHARS) {
            throw new IllegalArgumentException(source + ": the model config holds " + json.length()
                    + " characters, more than the " + MAX_JSON_CHARS + " a Keras model config may take");
        }
        Map<String, Object> config;
        try {
            config = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": the model config is not a JSON object (" + e.getMessage() + ")",
                    e);
        }
        if (config == null) {
            throw new IllegalArgumentException(source + ": the model config is JSON null, not an object");
        }
        return build(config, source);
    }

    /**
     * An uncompiled model from a Keras model config.
     *
     * @param modelConfig {@code {"class_name": "Sequential" | "Functional" | "Model", "config": ...}}
     * @param source      names the file, for messages
     * @throws IncompatibleModelException listing every problem, if keras4j cannot build the model as written
     * @throws IllegalArgumentException   if the config is malformed (naming the place, the expected and found value)
     */
    public static Model build(Map<String, Object> modelConfig, String source) {
        if (modelConfig == null) {
            throw new IllegalArgumentException(source + ": the model config must not be null");
        }
        Object className = modelConfig.get("class_name");
        Object config = modelConfig.get("config");
        boolean legacy = KerasVersions.isLegacy(modelConfig);
        if ("Sequential".equals(className)) {
            return sequential(config, legacy, source);
        }
        if ("Functional".equals(className) || "Model".equals(className)) {
            if (!(config instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(source + ": the functional model's 'config' must be an object, found "
                        + Configs.describe(config));
            }
            return functional(LayerTranslator.cast(m), legacy, source);
        }
        if (!(className instanceof String name)) {
            throw new IllegalArgumentException(source + ": not a Keras model config: 'class_name' must be \"Sequential\","
                    + " \"Functional\" or \"Model\", found " + Configs.describe(className));
        }
        throw new IncompatibleModelException(source, List.of(new Problem(String.valueOf(
                config instanceof Map<?, ?> m && m.get("name") != null ? m.get("name") : name), name, null, null,
                "a subclassed model: its architecture is Python code, not a config; keras4j builds Sequential and"
                        + " functional models")));
    }

    // ---- Sequential ----

    private static Model sequential(Object config, boolean legacy, String source) {
        List<?> records;
        String name = "sequential";
        List<?> buildInputShape = null;
        if (config instanceof List<?> list) {
            records = list; // Keras 1 and early Keras 2: the config is the list of layers
        } else if (config instanceof Map<?, ?> m) {
            Map<String, Object> c = LayerTranslator.cast(m);
            records = require(c, "layers", source, "config");
            name = c.get("name") instanceof String s ? s : name;
            buildInputShape = c.get("build_input_shape") instanceof List<?> b ? b : null;
        } else {
            throw new IllegalArgumentException(source + ": the Sequential model's 'config' must be a list of layers or an"
                    + " object with 'layers', found " + Configs.describe(config));
        }
        Problems problems = new Problems();
        List<Translated> layers = translateAll(records, "config.layers", legacy, problems, source);
        Translated input = null;
        List<Object> batchShape = null;
        if (!layers.isEmpty() && layers.get(0) != null && layers.get(0).kerasClass().equals("InputLayer")) {
            input = layers.remove(0);
            batchShape = input.batchShape();
        } else if (!layers.isEmpty() && layers.get(0) != null) {
            batchShape = layers.get(0).batchShape();
        }
        if (batchShape == null && buildInputShape != null) {
            batchShape = new ArrayList<>(buildInputShape);
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) != null && layers.get(i).kerasClass().equals("InputLayer")) {
                Translated t = layers.get(i);
                problems.in(t.name(), "InputLayer").add(null, null, "an InputLayer must be the first layer of a Sequential");
            }
        }
        String inputName = input != null ? input.name() : layers.isEmpty() || layers.get(0) == null ? "input"
                : layers.get(0).name() + "_input"; // Keras 2's name for the input of a Sequential
        Shape shape = inputShape(batchShape, inputName, problems, layers);
        if (records.isEmpty()) {
            problems.in(name, "Sequential").add("layers", List.of(), "the model has no layers");
        }
        problems.throwIfAny(source);
        Sequential model = new Sequential(name);
        model.add(new Input(shape).withName(inputName));
        for (Translated t : layers) {
            Layer layer = Layers.fromConfig(t.keras4jClass(), t.config());
            layer.setTrainable(t.trainable());
            Shape in = model.layers().isEmpty() ? shape : model.outputShape();
            buildStep(source, t, () -> model.add(layer));
            checkAxis(source, t, in);
        }
        return model;
    }

    // ---- functional ----

    private static Model functional(Map<String, Object> config, boolean legacy, String source) {
        List<?> records = require(config, "layers", source, "config");
        String name = config.get("name") instanceof String s ? s : "functional";
        Problems problems = new Problems();
        List<Translated> layers = translateAll(records, "config.layers", legacy, problems, source);
        List<Object> graphLayers = new ArrayList<>();
        Map<String, Translated> byName = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Translated t = layers.get(i);
            if (t == null) {
                // a layer keras4j cannot build: its calls are still checked, for a complete report
                Map<String, Object> record = LayerTranslator.cast((Map<?, ?>) records.get(i));
                Object cfgName = record.get("config") instanceof Map<?, ?> c ? c.get("name") : null;
                InboundNodes.toKeras3(record.get("inbound_nodes"), problems.in(String.valueOf(cfgName != null ? cfgName
                        : record.get("name")), String.valueOf(record.get("class_name"))));
                continue;
            }
            byName.put(t.name(), t);
            Map<String, Object> record = LayerTranslator.cast((Map<?, ?>) records.get(i));
            List<Object> inbound = InboundNodes.toKeras3(record.get("inbound_nodes"), problems.in(t.name(), t.kerasClass()));
            Map<String, Object> graphRecord = new LinkedHashMap<>();
            Map<String, Object> k4jConfig = new LinkedHashMap<>(t.config());
            if (t.kerasClass().equals("InputLayer")) {
                Shape shape = inputShape(t.batchShape(), t.name(), problems, layers);
                k4jConfig.put("shape", shape == null ? List.of(1) : List.of(toObjects(shape.dims())));
            }
            graphRecord.put("class_name", t.keras4jClass());
            graphRecord.put("config", k4jConfig);
            graphRecord.put("name", t.name());
            graphRecord.put("inbound_nodes", inbound);
            graphLayers.add(graphRecord);
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("name", name);
        graph.put("layers", graphLayers);
        graph.put("input_layers", InboundNodes.tensorList(config.get("input_layers"), "input_layers", problems, name));
        graph.put("output_layers", InboundNodes.tensorList(config.get("output_layers"), "output_layers", problems, name));
        problems.throwIfAny(source);
        GraphConfig.Graph built = GraphConfig.read(graph, "config", why -> new IllegalArgumentException(source + ", " + why));
        Functional model = buildStep(source, null, () -> new Functional(built.name(), built.inputs(), built.outputs()));
        for (Layer layer : model.layers()) {
            Translated t = byName.get(layer.name());
            if (t == null) {
                continue;
            }
            layer.setTrainable(t.trainable());
            for (Node node : layer.nodes()) {
                checkAxis(source, t, node.inbound().get(0).shape());
            }
        }
        return model;
    }

    // ---- shared ----

    private static List<Translated> translateAll(List<?> records, String where, boolean legacy, Problems problems,
            String source) {
        List<Translated> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Object r = records.get(i);
            if (!(r instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(source + ", " + where + "[" + i + "]: a layer must be an object"
                        + " {\"class_name\": ..., \"config\": {...}}, found " + Configs.describe(r));
            }
            out.add(LayerTranslator.translate(LayerTranslator.cast(m), where + "[" + i + "]", legacy, problems));
        }
        List<Translated> present = out.stream().filter(t -> t != null).toList();
        for (Translated t : present) {
            if (t.stateful() && unknownBatch(present)) {
                problems.in(t.name(), t.kerasClass()).add("stateful", true, "a stateful recurrent layer needs a fixed"
                        + " batch size, but the model's input declares none");
            }
        }
        return out;
    }

    private static boolean unknownBatch(List<Translated> layers) {
        for (Translated t : layers) {
            if (t.batchShape() != null) {
                return t.batchShape().isEmpty() || t.batchShape().get(0) == null;
            }
        }
        return true;
    }

    /** The sample shape of {@code batchShape} (batch first), or null with a problem if a size is unknown. */
    private static Shape inputShape(List<Object> batchShape, String inputName, Problems problems, List<Translated> layers) {
        if (batchShape == null) {
            String first = layers.isEmpty() || layers.get(0) == null ? inputName : layers.get(0).name();
            problems.in(first, layers.isEmpty() || layers.get(0) == null ? "InputLayer" : layers.get(0).kerasClass())
                    .add("batch_input_shape", null, "the model declares no input shape: keras4j needs it to build the"
                            + " layers (give the first layer an input_shape, or start with an InputLayer)");
            return null;
        }
        if (batchShape.size() < 2) {
            problems.in(inputName, "InputLayer").add("batch_shape", batchShape, "an input needs at least one dimension"
                    + " besides the batch");
            return null;
        }
        long[] dims = new long[batchShape.size() - 1];
        for (int i = 1; i < batchShape.size(); i++) {
            Object d = batchShape.get(i);
            if (!(d instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
                problems.in(inputName, "InputLayer").add("batch_shape", batchShape, "keras4j needs every dimension of an"
                        + " input known (no None besides the batch): variable-length inputs are not supported");
                return null;
            }
            dims[i - 1] = n.longValue();
        }
        return Shape.of(dims);
    }

    /** BatchNormalization's positive axis must be the last one of its input (Keras counts the batch as axis 0). */
    private static void checkAxis(String source, Translated t, Shape in) {
        if (t.lastAxis() != null && t.lastAxis() != in.rank()) {
            throw new IncompatibleModelException(source, List.of(new Problem(t.name(), t.kerasClass(), "axis",
                    String.valueOf(t.lastAxis()), "keras4j normalizes over the last axis only (axis -1 or " + in.rank()
                    + " for input " + in + ")")));
        }
    }

    private static <T> T buildStep(String source, Translated t, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            if (e instanceof IncompatibleModelException) {
                throw e;
            }
            throw new IncompatibleModelException(source, List.of(new Problem(t == null ? "model" : t.name(),
                    t == null ? "Functional" : t.kerasClass(), null, null, e.getMessage())));
        }
    }

    private static List<?> require(Map<String, Object> config, String key, String source, String where) {
        if (!(config.get(key) instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ", " + where + ": '" + key + "' must be a list, found "
                    + Configs.describe(config.get(key)));
        }
        return list;
    }

    private static Object[] toObjects(long[] dims) {
        Object[] out = new Object[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }
}
