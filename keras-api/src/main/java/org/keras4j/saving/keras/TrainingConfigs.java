package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keras4j.Model;
import org.keras4j.engine.Compiled;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.losses.Loss;
import org.keras4j.losses.Losses;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Metrics;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.Optimizers;

/**
 * A Keras file's training settings, in and out: {@link #compile} compiles a model as a legacy {@code .h5}'s
 * {@code training_config} (Keras 1, 2, tf.keras and 3: {@code optimizer_config}, {@code loss}, {@code metrics},
 * {@code loss_weights}) or a {@code .keras} file's {@code compile_config} (Keras 3: {@code optimizer}, ...) says;
 * {@link #compileConfig} writes Keras 3's {@code compile_config} of a compiled keras4j model.
 *
 * <p>Losses, optimizers and metrics are read in any of their serialized forms (a name, {@code {"class_name",
 * "config"}}, Keras 3's {@code {"module", "class_name", "config", "registered_name"}}), with {@code from_logits},
 * {@code label_smoothing}, clipping and weight decay kept; Keras 1 / 2's {@code lr} is the learning rate, and the
 * numbers are kept as written (a float32 learning rate {@code 0.0010000000474974513} stays that). Metrics
 * {@code "acc"} / {@code "accuracy"} resolve as Keras resolves them, from the loss and the output width. Anything
 * keras4j cannot honour (a time-based {@code decay}, EMA, a learning-rate schedule object, weighted metrics, a custom
 * loss) fails with one {@link IncompatibleModelException} listing it all, before compiling.
 *
 * <pre>{@code
 * Model model = KerasModelConfig.build(modelConfig, "model.h5");
 * TrainingConfigs.compile(model, trainingConfig, "model.h5");
 * Map<String, Object> again = TrainingConfigs.compileConfig(model);
 * }</pre>
 */
public final class TrainingConfigs {
    /** Keys of the training / compile config that change nothing keras4j computes. */
    private static final Set<String> HARMLESS = Set.of("run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss");
    private static final Map<String, String> OPTIMIZERS = Map.of("sgd", "SGD", "adam", "Adam", "adamw", "AdamW",
            "rmsprop", "RMSprop", "adagrad", "Adagrad", "adadelta", "Adadelta", "adamax", "Adamax", "nadam", "Nadam");
    /** Each keras4j optimizer's own arguments, besides the learning rate, weight decay and clipping. */
    private static final Map<String, List<String>> OPTIMIZER_KEYS = Map.of(
            "sgd", List.of("momentum", "nesterov"),
            "adam", List.of("beta_1", "beta_2", "epsilon", "amsgrad"),
            "adamw", List.of("beta_1", "beta_2", "epsilon", "amsgrad"),
            "rmsprop", List.of("rho", "momentum", "epsilon", "centered"),
            "adagrad", List.of("initial_accumulator_value", "epsilon"),
            "adadelta", List.of("rho", "epsilon"),
            "adamax", List.of("beta_1", "beta_2", "epsilon"),
            "nadam", List.of("beta_1", "beta_2", "epsilon"));
    /** Keras 3's optimizer arguments keras4j accepts at their defaults only, with those defaults. */
    private static final Map<String, Object> OPTIMIZER_DEFAULTS = defaults("global_clipnorm", null, "use_ema", false,
            "ema_overwrite_frequency", null, "loss_scale_factor", null, "gradient_accumulation_steps", null, "decay", 0.0,
            "schedule_decay", 0.004, "is_legacy_optimizer", false, "jit_compile", null);

    private TrainingConfigs() {
    }

    /**
     * Compiles {@code model} as the file's training config says.
     *
     * @param trainingConfig a legacy {@code training_config} or a Keras 3 {@code compile_config}
     * @param source         names the file, for messages
     * @throws IncompatibleModelException listing every setting keras4j cannot honour; nothing is compiled then
     * @throws IllegalArgumentException   if the config is malformed
     */
    public static void compile(Model model, Map<String, Object> trainingConfig, String source) {
        if (trainingConfig == null) {
            throw new IllegalArgumentException(source + ": the training config must not be null");
        }
        Problems problems = new Problems();
        Problems.Scope scope = problems.in(model.name(), "compile");
        Object optimizerConfig = trainingConfig.containsKey("optimizer_config") ? trainingConfig.get("optimizer_config")
                : trainingConfig.get("optimizer");
        Optimizer optimizer = optimizer(optimizerConfig, scope);
        int outputs = model.outputs().size();
        List<String> names = model.outputNames();
        List<Object> lossConfigs = perOutput(trainingConfig.get("loss"), outputs, names, "loss", scope, false);
        List<Loss> losses = new ArrayList<>();
        for (int i = 0; i < lossConfigs.size(); i++) {
            losses.add(loss(lossConfigs.get(i), scope.nested("loss" + (outputs > 1 ? "[" + i + "]" : ""))));
        }
        List<Double> weights = lossWeights(trainingConfig.get("loss_weights"), outputs, names, scope);
        List<Object> metricConfigs = perOutput(trainingConfig.get("metrics"), outputs, names, "metrics", scope, true);
        for (String key : trainingConfig.keySet()) {
            Object v = trainingConfig.get(key);
            switch (key) {
                case "optimizer_config", "optimizer", "loss", "loss_weights", "metrics" -> {
                }
                case "weighted_metrics" -> {
                    if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                        scope.add(key, v, "keras4j has no weighted metrics");
                    }
                }
                case "sample_weight_mode" -> {
                    if (v != null) {
                        scope.add(key, v, "keras4j weighs whole samples only");
                    }
                }
                default -> {
                    if (!HARMLESS.contains(key) && v != null) {
                        scope.add(key, v, "keras4j's compile does not know this setting");
                    }
                }
            }
        }
        if (!problems.isEmpty() || losses.contains(null) || optimizer == null) {
            problems.throwIfAny(source);
        }
        List<List<Metric>> metrics = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            long units = model.outputShapes().get(i).last();
            metrics.add(metrics(i < metricConfigs.size() ? metricConfigs.get(i) : null, losses.get(i), units,
                    scope.nested("metrics" + (outputs > 1 ? "[" + i + "]" : ""))));
        }
        problems.throwIfAny(source);
        model.compile(optimizer, losses, weights, metrics);
    }

    /**
     * Keras 3's {@code compile_config} of the compiled {@code model}: {@code optimizer} as a Keras 3 object, {@code loss}
     * as a Keras name (or object when it has arguments), {@code loss_weights}, {@code metrics} (one list, or one per
     * output), {@code weighted_metrics}, {@code run_eagerly}, {@code steps_per_execution}, {@code jit_compile}.
     *
     * @throws IllegalStateException    if the model is not compiled
     * @throws IllegalArgumentException if the optimizer, a loss or a metric has no Keras 3 equivalent
     */
    public static Map<String, Object> compileConfig(Model model) {
        Compiled c = model.compiled();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", writeOptimizer(c.optimizer()));
        List<Object> losses = new ArrayList<>();
        List<Object> weights = new ArrayList<>();
        List<Object> metrics = new ArrayList<>();
        for (CompiledOutput o : c.outputs()) {
            losses.add(writeLoss(o.loss()));
            weights.add(o.lossWeight());
            metrics.add(o.metrics().stream().map(TrainingConfigs::writeMetric).toList());
        }
        boolean single = c.outputs().size() == 1;
        out.put("loss", single ? losses.get(0) : losses);
        out.put("loss_weights", c.outputs().stream().allMatch(o -> o.lossWeight() == 1.0) ? null : weights);
        out.put("metrics", single ? metrics.get(0) : metrics);
        out.put("weighted_metrics", null);
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }

    // ---- reading ----

    private static Optimizer optimizer(Object value, Problems.Scope scope) {
        String className;
        Map<String, Object> config;
        if (value instanceof String s) {
            className = s;
            config = Map.of();
        } else if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String c) {
            if (LayerTranslator.isCustom(LayerTranslator.cast(m))) {
                scope.add("optimizer", m.get("registered_name"), "a custom optimizer: keras4j has Keras's built-in ones");
                return null;
            }
            className = c;
            config = m.get("config") instanceof Map<?, ?> cfg ? LayerTranslator.cast(cfg) : Map.of();
        } else {
            scope.add("optimizer", value, "the optimizer must be a name or a serialized optimizer");
            return null;
        }
        String id = className.toLowerCase(Locale.ROOT);
        if (!OPTIMIZER_KEYS.containsKey(id)) {
            scope.add("optimizer", className, "keras4j has no optimizer '" + className + "'; it has "
                    + String.join(", ", OPTIMIZERS.values()));
            return null;
        }
        Map<String, Object> k4j = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey().equals("lr") ? "learning_rate" : e.getKey();
            Object v = e.getValue();
            if (key.equals("learning_rate") && v instanceof Map<?, ?>) {
                scope.add("optimizer.learning_rate", v, "a learning-rate schedule object: set the schedule on the"
                        + " keras4j optimizer instead");
                ok = false;
            } else if (key.equals("learning_rate") || OPTIMIZER_KEYS.get(id).contains(key) || key.equals("clipnorm")
                    || key.equals("clipvalue") || key.equals("weight_decay")) {
                if (v != null) {
                    k4j.put(key, v);
                }
            } else if (key.equals("name") || key.equals("ema_momentum")) {
                continue; // the optimizer's name; EMA's momentum without EMA
            } else if (OPTIMIZER_DEFAULTS.containsKey(key)) {
                if (!LayerSpec.isDefault(v, OPTIMIZER_DEFAULTS.get(key))) {
                    scope.add("optimizer." + key, v, key.equals("decay") ? "Keras 1 / 2's time-based decay lr / (1 +"
                            + " decay * step): use keras4j-training's InverseTimeDecay(lr, 1, decay) schedule" : "keras4j's optimizers do not support it (only "
                            + Problems.show(OPTIMIZER_DEFAULTS.get(key)) + ")");
                    ok = false;
                }
            } else if (v != null) {
                scope.add("optimizer." + key, v, "keras4j's " + id + " does not know this argument");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return Optimizers.fromConfig(id, k4j);
        } catch (IllegalArgumentException e) {
            scope.add("optimizer", value, e.getMessage());
            return null;
        }
    }

    private static Loss loss(Object value, Problems.Scope scope) {
        if (value instanceof String s) {
            return resolve(() -> Losses.get(s), scope, null, s);
        }
        if (!(value instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String className)) {
            scope.add(null, value, "a loss must be a name or a serialized loss");
            return null;
        }
        Map<String, Object> record = LayerTranslator.cast(m);
        if (LayerTranslator.isCustom(record) && !"function".equals(className)) {
            scope.add(null, record.get("registered_name"), "a custom loss: keras4j has Keras's built-in losses only");
            return null;
        }
        if ("function".equals(className) && record.get("config") instanceof String fn) {
            return resolve(() -> Losses.get(fn), scope, null, fn);
        }
        Map<String, Object> config = record.get("config") instanceof Map<?, ?> c ? LayerTranslator.cast(c) : Map.of();
        Map<String, Object> k4j = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "from_logits", "label_smoothing", "delta" -> k4j.put(e.getKey(), v);
                case "name", "dtype" -> {
                }
                case "reduction" -> {
                    if (!"sum_over_batch_size".equals(v) && !"auto".equals(v)) {
                        scope.add("reduction", v, "keras4j averages the loss over the batch (sum_over_batch_size)");
                    }
                }
                case "axis" -> {
                    if (!LayerSpec.isDefault(v, -1)) {
                        scope.add("axis", v, "keras4j's losses reduce over the last axis");
                    }
                }
                case "fn" -> {
                    // LossFunctionWrapper (tf.keras): the function's name is the loss
                    return v instanceof String fn ? resolve(() -> Losses.get(fn), scope, null, fn) : null;
                }
                default -> {
                    if (v != null) {
                        scope.add(e.getKey(), v, "keras4j's " + className + " does not know this argument");
                    }
                }
            }
        }
        return resolve(() -> Losses.fromConfig(className, k4j), scope, null, value);
    }

    private static List<Metric> metrics(Object value, Loss loss, long units, Problems.Scope scope) {
        List<Metric> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        for (Object m : list) {
            Metric metric = metric(m, loss, units, scope);
            if (metric != null) {
                out.add(metric);
            }
        }
        return out;
    }

    private static Metric metric(Object value, Loss loss, long units, Problems.Scope scope) {
        if (value instanceof String s) {
            return resolve(() -> Metrics.get(s, loss, units), scope, null, s);
        }
        if (!(value instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String className)) {
            scope.add(null, value, "a metric must be a name or a serialized metric");
            return null;
        }
        Map<String, Object> record = LayerTranslator.cast(m);
        if (LayerTranslator.isCustom(record)) {
            scope.add(null, record.get("registered_name"), "a custom metric: keras4j has Keras's built-in metrics only");
            return null;
        }
        Map<String, Object> config = record.get("config") instanceof Map<?, ?> c ? new LinkedHashMap<>(
                LayerTranslator.cast(c)) : new LinkedHashMap<>();
        config.remove("dtype");
        Object name = config.get("name");
        if (className.equals("MeanMetricWrapper") && config.get("fn") instanceof String fn) {
            // tf.keras: {"name": "accuracy", "fn": "categorical_accuracy"}: Keras's resolved accuracy, logged as named
            String logged = name instanceof String n ? n : fn;
            return resolve(() -> Metrics.fromConfig(fn, Map.of("name", logged)), scope, null, value);
        }
        return resolve(() -> Metrics.fromConfig(className, config), scope, null, value);
    }

    private static <T> T resolve(java.util.function.Supplier<T> make, Problems.Scope scope, String argument, Object value) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            scope.add(argument, value, e.getMessage());
            return null;
        }
    }

    /** A setting given for all outputs, as a list (one per output) or a dict (by output name), as one per output. */
    private static List<Object> perOutput(Object value, int outputs, List<String> names, String key,
            Problems.Scope scope, boolean metrics) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Map<?, ?> byName && !byName.containsKey("class_name")) {
            for (String n : names) {
                out.add(byName.get(n));
            }
            return out;
        }
        if (metrics) {
            if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof List<?>)) {
                if (list.size() != outputs) {
                    scope.add(key, value, "one list of metrics per output (" + outputs + ") was expected");
                }
                return new ArrayList<>(list);
            }
            for (int i = 0; i < outputs; i++) {
                out.add(value); // Keras applies a flat list to every output
            }
            return out;
        }
        if (value instanceof List<?> list) {
            if (list.size() != outputs) {
                scope.add(key, value, "one " + key + " per output (" + outputs + ") was expected, found " + list.size());
            }
            return new ArrayList<>(list);
        }
        if (value == null) {
            scope.add(key, null, "the training config has no loss");
        }
        for (int i = 0; i < outputs; i++) {
            out.add(value);
        }
        return out;
    }

    private static List<Double> lossWeights(Object value, int outputs, List<String> names, Problems.Scope scope) {
        if (value == null) {
            return null;
        }
        List<Object> given = value instanceof Map<?, ?> byName ? names.stream().map(n -> (Object) byName.get(n)).toList()
                : value instanceof List<?> l ? new ArrayList<>(l) : null;
        if (given == null || given.size() != outputs) {
            scope.add("loss_weights", value, "one loss weight per output (" + outputs + ") was expected");
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (Object w : given) {
            out.add(w instanceof Number n ? n.doubleValue() : 1.0);
        }
        return out;
    }

    // ---- writing ----

    private static Map<String, Object> writeOptimizer(Optimizer optimizer) {
        String className = OPTIMIZERS.get(optimizer.identifier());
        if (className == null || optimizer.learningRateSchedule() != null) {
            throw new IllegalArgumentException("optimizer " + optimizer + " has no Keras 3 compile_config form"
                    + (optimizer.learningRateSchedule() != null ? " (a learning-rate schedule)" : ""));
        }
        Map<String, Object> k4j = optimizer.getConfig();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", optimizer.identifier());
        config.put("learning_rate", k4j.get("learning_rate"));
        config.put("weight_decay", k4j.get("weight_decay"));
        config.put("clipnorm", k4j.get("clipnorm"));
        config.put("global_clipnorm", null);
        config.put("clipvalue", k4j.get("clipvalue"));
        config.put("use_ema", false);
        config.put("ema_momentum", 0.99);
        config.put("ema_overwrite_frequency", null);
        config.put("loss_scale_factor", null);
        config.put("gradient_accumulation_steps", null);
        for (String key : OPTIMIZER_KEYS.get(optimizer.identifier())) {
            config.put(key, k4j.get(key));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.optimizers");
        out.put("class_name", className);
        out.put("config", config);
        out.put("registered_name", null);
        return out;
    }

    /** A loss with Keras's default arguments as its function name, else as Keras 3's loss object. */
    private static Object writeLoss(Loss loss) {
        Map<String, Object> k4j = loss.getConfig();
        boolean defaults = k4j.entrySet().stream().allMatch(e -> switch (e.getKey()) {
            case "from_logits" -> Boolean.FALSE.equals(e.getValue());
            case "label_smoothing" -> LayerSpec.isDefault(e.getValue(), 0.0);
            case "delta" -> LayerSpec.isDefault(e.getValue(), 1.0);
            default -> false;
        });
        if (defaults) {
            return loss.identifier();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", loss.identifier());
        config.put("reduction", "sum_over_batch_size");
        config.putAll(k4j);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.losses");
        out.put("class_name", loss.getClass().getSimpleName());
        out.put("config", config);
        out.put("registered_name", null);
        return out;
    }

    /** A metric as the name it was compiled and is logged with. */
    private static Object writeMetric(Metric metric) {
        return metric.name();
    }

    private static Map<String, Object> defaults(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
