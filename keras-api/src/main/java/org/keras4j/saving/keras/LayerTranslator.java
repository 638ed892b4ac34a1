package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keras4j.layers.Layers;
import org.keras4j.saving.keras.KerasObjects.Family;
import org.keras4j.saving.keras.LayerSpec.Arg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Keras layer (its {@code class_name} and {@code config}, as Keras 1, 2 or 3 wrote them) into keras4j's
 * class name and config through {@link LayerSpecs}, recording in {@link Problems} every argument keras4j does not
 * honour (a value other than Keras's default), every class it lacks, custom objects and {@code Lambda}.
 *
 * <pre>{@code
 * LayerTranslator.Translated t = LayerTranslator.translate(record, false, problems);
 * Layer layer = Layers.fromConfig(t.keras4jClass(), t.config());
 * }</pre>
 */
final class LayerTranslator {
    static final String LAMBDA_REFUSED = "deserializing a Lambda layer runs Python bytecode stored in the file;"
            + " keras4j never executes code from a model file (as Keras's safe_mode refuses it)";
    /** Keys of any layer that keras4j reads outside the table: naming, trainability, dtype, input declarations. */
    private static final Set<String> COMMON = Set.of("name", "trainable", "dtype", "batch_input_shape", "batch_shape",
            "input_shape", "batch_size", "input_dim", "input_length");
    private static final Set<String> MODELS = Set.of("Sequential", "Functional", "Model");
    private static final Set<String> CONSTANT_INITIALIZERS = Set.of("zeros", "ones", "constant");
    private static final Logger LOG = LoggerFactory.getLogger(LayerTranslator.class);

    /**
     * One layer read.
     *
     * @param batchShape the input it declares ({@code batch_input_shape}, {@code batch_shape}; Keras 1's
     *                   {@code input_dim}), with the batch first (null for unknown sizes), or null
     * @param lastAxis   BatchNormalization's positive {@code axis}, checked against its input once the graph is built
     */
    record Translated(String name, String kerasClass, String keras4jClass, Map<String, Object> config, boolean trainable,
            List<Object> batchShape, Integer lastAxis, boolean stateful) {
    }

    private LayerTranslator() {
    }

    /**
     * The layer of {@code record} ({@code {"class_name", "config"}} plus Keras 3's {@code module}, {@code
     * registered_name}, {@code build_config}) in keras4j's terms, or null if keras4j cannot build it (the problems
     * are in {@code problems}).
     *
     * @param fallbackName the name to report when the config has none ({@code "layers[3]"})
     * @param legacy       true for Keras 1 / 2 configs
     */
    static Translated translate(Map<String, Object> record, String fallbackName, boolean legacy, Problems problems) {
        Object cls = record.get("class_name");
        Map<String, Object> config = record.get("config") instanceof Map<?, ?> m ? cast(m) : Map.of();
        String name = config.get("name") instanceof String s ? s : record.get("name") instanceof String s2 ? s2 : fallbackName;
        if (!(cls instanceof String className)) {
            problems.in(name, String.valueOf(cls)).add("class_name", cls, "not a layer: 'class_name' must be a string");
            return null;
        }
        Problems.Scope scope = problems.in(name, className);
        if (!(record.get("config") instanceof Map<?, ?>)) {
            scope.add("config", record.get("config"), "a layer's 'config' must be an object");
            return null;
        }
        if (className.equals("Lambda")) {
            scope.add(null, null, LAMBDA_REFUSED);
            return null;
        }
        if (isCustom(record)) {
            scope.add(null, record.get("registered_name") != null ? record.get("registered_name") : record.get("module"),
                    "a custom layer: keras4j builds Keras's own layers only and never runs Python code from a file");
            return null;
        }
        if (MODELS.contains(className)) {
            scope.add(null, null, "a model nested as a layer: keras4j does not read nested models yet; save the inner"
                    + " model's layers inline (a flat functional model)");
            return null;
        }
        Keras1Layers.Converted converted = Keras1Layers.convert(className, config);
        LayerSpec spec = LayerSpecs.forKeras(converted.className());
        if (className.equals("InputLayer")) {
            return input(name, config, scope);
        }
        if (spec == null) {
            scope.add(null, null, "keras4j has no layer " + converted.className() + "; it has InputLayer, "
                    + String.join(", ", LayerSpecs.kerasClasses()));
            return null;
        }
        return translate(spec, name, converted.className(), converted.config(), legacy, scope, problems);
    }

    private static Translated translate(LayerSpec spec, String name, String kerasClass, Map<String, Object> config,
            boolean legacy, Problems.Scope scope, Problems problems) {
        int before = problems.list().size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        Integer lastAxis = null;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = spec.current(e.getKey());
            Object value = e.getValue();
            Arg arg = spec.arg(key);
            if (arg == null) {
                if (!COMMON.contains(key) && value != null) {
                    scope.add(key, value, "keras4j's " + spec.keras4jClass() + " does not know this argument");
                }
                continue;
            }
            switch (arg.kind()) {
                case SAME -> out.put(key, key.equals("layer") || key.equals("backward_layer")
                        ? wrapped(value, key, legacy, scope, problems) : value);
                case NESTED -> {
                    Object nested = KerasObjects.read(arg.family(), value, legacy, scope, key);
                    if (nested == null && arg.family() == Family.ACTIVATION && value == null) {
                        nested = KerasObjects.read(Family.ACTIVATION, "linear", legacy, scope, key);
                    }
                    out.put(key, nested);
                }
                case FIXED -> {
                    if (!isDefault(arg, value, legacy)) {
                        scope.add(key, value, arg.why() + " (only Keras's default " + Problems.show(defaultShown(arg))
                                + ")");
                    }
                }
                case FREE -> {
                }
                case DATA_FORMAT -> {
                    if (value != null && !"channels_last".equals(value)) {
                        scope.add(key, value, "keras4j computes channels-last only (batch, ..., channels)");
                    }
                }
                case LAST_AXIS -> lastAxis = lastAxis(value, scope);
            }
        }
        for (Arg arg : spec.args()) {
            // a key older Keras versions did not write (Keras 1's Dense has no bias_initializer): Keras's default
            if (arg.kind() == LayerSpec.Kind.NESTED && !out.containsKey(arg.key()) && arg.kerasDefault() != null) {
                out.put(arg.key(), KerasObjects.read(arg.family(), arg.kerasDefault(), legacy, scope, arg.key()));
            }
        }
        constantBiases(out, name);
        dtype(config.get("dtype"), scope, false);
        boolean trainable = trainable(config, scope);
        if (problems.list().size() > before) {
            return null;
        }
        try {
            Layers.fromConfig(spec.keras4jClass(), out); // keras4j's own checks of the values (ranges, combinations)
        } catch (IllegalArgumentException | ClassCastException e) {
            scope.add(null, null, e.getMessage());
            return null;
        }
        boolean stateful = Boolean.TRUE.equals(config.get("stateful")) || nestedStateful(out);
        return new Translated(name, kerasClass, spec.keras4jClass(), out, trainable, batchShape(config, kerasClass),
                lastAxis, stateful);
    }

    /**
     * keras4j's DL4J backend starts biases from a constant only: a random bias initializer (lenet's GlorotUniform,
     * ACETONE's HeNormal) becomes zeros, with a warning. It matters only for training from scratch: a loaded file's
     * weights replace it.
     */
    private static void constantBiases(Map<String, Object> config, String layer) {
        Object init = config.get("bias_initializer");
        if (init instanceof Map<?, ?> m && !CONSTANT_INITIALIZERS.contains(m.get("class_name"))) {
            LOG.warn("layer '{}': bias_initializer {} is replaced by zeros (keras4j starts biases from a constant; the"
                    + " file's weights, when loaded, replace it)", layer, m.get("class_name"));
            config.put("bias_initializer", Map.of("class_name", "zeros", "config", Map.of()));
        }
    }

    private static Translated input(String name, Map<String, Object> config, Problems.Scope scope) {
        Object shape = config.containsKey("batch_shape") ? config.get("batch_shape") : config.get("batch_input_shape");
        if (!(shape instanceof List<?> list) || list.isEmpty()) {
            scope.add("batch_shape", shape, "an InputLayer must declare its shape");
            return null;
        }
        for (String key : new String[] {"sparse", "ragged", "optional"}) {
            if (Boolean.TRUE.equals(config.get(key))) {
                scope.add(key, true, "keras4j's inputs are dense arrays that are always given");
            }
        }
        dtype(config.get("dtype"), scope, true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        return new Translated(name, "InputLayer", "InputLayer", out, true, new ArrayList<>(list), null, false);
    }

    /** The nested layer of a wrapper (Bidirectional, TimeDistributed) as keras4j's {@code {class_name, config}}. */
    private static Object wrapped(Object value, String key, boolean legacy, Problems.Scope scope, Problems problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            scope.add(key, value, "a wrapped layer must be a serialized layer object");
            return null;
        }
        Translated inner = translate(cast(m), scope.layer() + "." + key, legacy, problems);
        if (inner == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", inner.keras4jClass());
        out.put("config", inner.config());
        return out;
    }

    private static boolean nestedStateful(Map<String, Object> config) {
        return config.get("layer") instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c
                && Boolean.TRUE.equals(c.get("stateful"));
    }

    /** Whether a FIXED argument's value is Keras's default (a nested object compared in keras4j's form). */
    private static boolean isDefault(Arg arg, Object value, boolean legacy) {
        if (arg.family() == null) {
            return LayerSpec.isDefault(value, arg.kerasDefault());
        }
        if (value == null || arg.kerasDefault() == null) {
            return value == null && arg.kerasDefault() == null;
        }
        Problems ignored = new Problems();
        Object found = KerasObjects.read(arg.family(), value, legacy, ignored.in("", ""), arg.key());
        Object expected = KerasObjects.read(arg.family(), arg.kerasDefault(), legacy, ignored.in("", ""), arg.key());
        return found != null && found.equals(expected);
    }

    private static Object defaultShown(Arg arg) {
        return arg.kerasDefault();
    }

    private static Integer lastAxis(Object value, Problems.Scope scope) {
        Object v = value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            int axis = n.intValue();
            return axis == -1 ? null : axis;
        }
        scope.add("axis", value, "keras4j normalizes over the last axis only");
        return null;
    }

    /** Accepts float32 (a name or Keras 3's DTypePolicy); on an InputLayer any numeric type (the data's type). */
    private static void dtype(Object dtype, Problems.Scope scope, boolean input) {
        Object name = dtype;
        if (dtype instanceof Map<?, ?> m) {
            name = m.get("config") instanceof Map<?, ?> c ? c.get("name") : m.get("name");
        }
        if (name == null || "float32".equals(name)) {
            return;
        }
        if (input && name instanceof String s && s.matches("(float|int|uint)(8|16|32|64)|bool|bfloat16")) {
            return;
        }
        scope.add("dtype", dtype, "keras4j computes in float32");
    }

    private static boolean trainable(Map<String, Object> config, Problems.Scope scope) {
        Object t = config.get("trainable");
        if (t == null || t instanceof Boolean) {
            return !Boolean.FALSE.equals(t);
        }
        scope.add("trainable", t, "'trainable' must be a boolean");
        return true;
    }

    /** The input a layer declares ({@code batch_input_shape}; Keras 1's {@code input_dim}), batch first; or null. */
    private static List<Object> batchShape(Map<String, Object> config, String kerasClass) {
        for (String key : new String[] {"batch_input_shape", "batch_shape"}) {
            if (config.get(key) instanceof List<?> list) {
                return new ArrayList<>(list);
            }
        }
        if (config.get("input_shape") instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            out.add(config.get("batch_size"));
            out.addAll(list);
            return out;
        }
        if (config.get("input_dim") instanceof Number dim && !kerasClass.equals("Embedding")) {
            List<Object> out = new ArrayList<>();
            out.add(null);
            if (config.containsKey("input_length")) {
                out.add(config.get("input_length"));
            }
            out.add(dim);
            return out;
        }
        return null;
    }

    /** A Keras 3 object of a user's: a registered name with a package, or a module outside Keras. */
    static boolean isCustom(Map<String, Object> record) {
        Object module = record.get("module");
        Object registered = record.get("registered_name");
        return module instanceof String m && !m.equals("keras") && !m.startsWith("keras.")
                || registered instanceof String r && !r.equals(record.get("class_name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
