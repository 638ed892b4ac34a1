package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.keras4j.activations.Activations;
import org.keras4j.constraints.Constraints;
import org.keras4j.initializers.Initializers;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configurable;

/**
 * Keras's serialized activations, initializers, regularizers and constraints, in the form of each version (a name
 * string; Keras 1's {@code {"name": ..., "l2": ...}}; Keras 2's {@code {"class_name", "config"}}; Keras 3's
 * {@code {"module", "class_name", "config", "registered_name"}}), read into keras4j's nested form
 * {@code {"class_name": identifier, "config": {...}}} and written back in Keras 3's.
 *
 * <pre>{@code
 * Object k4j = KerasObjects.read(Family.INITIALIZER, Map.of("class_name", "GlorotUniform", "config", Map.of()),
 *         false, scope, "kernel_initializer");        // {"class_name": "glorot_uniform", "config": {}}
 * Object keras = KerasObjects.write(Family.INITIALIZER, Initializers.heNormal());   // {"module": ..., "HeNormal", ...}
 * }</pre>
 */
final class KerasObjects {
    /** The families of nested objects, each with its keras4j registry and Keras module. */
    enum Family {
        ACTIVATION("keras.activations", Activations::fromConfig),
        INITIALIZER("keras.initializers", Initializers::fromConfig),
        REGULARIZER("keras.regularizers", Regularizers::fromConfig),
        CONSTRAINT("keras.constraints", Constraints::fromConfig);

        final String module;
        final BiFunction<String, Map<String, Object>, ? extends Configurable> registry;

        Family(String module, BiFunction<String, Map<String, Object>, ? extends Configurable> registry) {
            this.module = module;
            this.registry = registry;
        }

        String noun() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One Keras class of a family: its keras4j identifier and the config keys each side reads, in Keras 3's order. */
    private record Kind(String kerasClass, String keras4jId, List<String> keys, Map<String, Object> kerasDefaults) {
    }

    private static final Map<String, Kind> INITIALIZERS = new LinkedHashMap<>();
    private static final Map<String, Kind> REGULARIZERS = new LinkedHashMap<>();
    private static final Map<String, Kind> CONSTRAINTS = new LinkedHashMap<>();
    /** Keras's activation names that keras4j computes with the same formula, by keras4j identifier. */
    private static final Set<String> KERAS_ACTIVATIONS = Set.of("linear", "relu", "sigmoid", "tanh", "softmax",
            "log_softmax", "selu", "softplus", "softsign", "hard_sigmoid", "relu6", "exponential", "mish", "silu",
            "hard_silu", "leaky_relu", "elu", "gelu");
    /** Keys every Keras initializer config may hold that change nothing once the weights are loaded. */
    private static final Set<String> HARMLESS_INITIALIZER_KEYS = Set.of("seed", "dtype");

    static {
        seed("GlorotUniform", "glorot_uniform");
        seed("GlorotNormal", "glorot_normal");
        seed("HeUniform", "he_uniform");
        seed("HeNormal", "he_normal");
        seed("LecunUniform", "lecun_uniform");
        seed("LecunNormal", "lecun_normal");
        kind(INITIALIZERS, "Zeros", "zeros");
        kind(INITIALIZERS, "Ones", "ones");
        kind(INITIALIZERS, "Constant", "constant", "value", 0.0);
        kind(INITIALIZERS, "RandomNormal", "random_normal", "mean", 0.0, "stddev", 0.05, "seed", null);
        kind(INITIALIZERS, "RandomUniform", "random_uniform", "minval", -0.05, "maxval", 0.05, "seed", null);
        kind(INITIALIZERS, "TruncatedNormal", "truncated_normal", "mean", 0.0, "stddev", 0.05, "seed", null);
        kind(INITIALIZERS, "VarianceScaling", "variance_scaling", "scale", 1.0, "mode", "fan_in", "distribution",
                "truncated_normal", "seed", null);
        kind(INITIALIZERS, "Orthogonal", "orthogonal", "gain", 1.0, "seed", null);
        kind(INITIALIZERS, "Identity", "identity", "gain", 1.0);
        kind(REGULARIZERS, "L1", "l1", "l1", 0.01);
        kind(REGULARIZERS, "L2", "l2", "l2", 0.01);
        kind(REGULARIZERS, "L1L2", "l1_l2", "l1", 0.0, "l2", 0.0);
        kind(CONSTRAINTS, "MaxNorm", "max_norm", "max_value", 2.0, "axis", 0);
        kind(CONSTRAINTS, "NonNeg", "non_neg");
        kind(CONSTRAINTS, "UnitNorm", "unit_norm", "axis", 0);
        kind(CONSTRAINTS, "MinMaxNorm", "min_max_norm", "min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0);
    }

    private KerasObjects() {
    }

    private static void seed(String kerasClass, String id) {
        kind(INITIALIZERS, kerasClass, id, "seed", null);
    }

    private static void kind(Map<String, Kind> family, String kerasClass, String id, Object... keyDefaults) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (int i = 0; i < keyDefaults.length; i += 2) {
            defaults.put((String) keyDefaults[i], keyDefaults[i + 1]);
        }
        family.put(kerasClass, new Kind(kerasClass, id, List.copyOf(defaults.keySet()), defaults));
    }

    private static Map<String, Kind> kinds(Family family) {
        return switch (family) {
            case INITIALIZER -> INITIALIZERS;
            case REGULARIZER -> REGULARIZERS;
            case CONSTRAINT -> CONSTRAINTS;
            case ACTIVATION -> Map.of();
        };
    }

    /**
     * {@code value} (a Keras serialized object of {@code family}, any version) in keras4j's nested form, or null for
     * none. What keras4j cannot honour goes to {@code problems} under {@code argument}, and null is returned.
     *
     * @param legacy true for a Keras 1 / 2 file, whose {@code hard_sigmoid} is {@code clip(0.2 x + 0.5, 0, 1)}
     */
    static Map<String, Object> read(Family family, Object value, boolean legacy, Problems.Scope problems, String argument) {
        if (value == null) {
            return null;
        }
        String className;
        Map<String, Object> config;
        if (value instanceof String s) {
            className = s;
            config = Map.of();
        } else if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            if (map.get("class_name") instanceof String c) {
                if (custom(map, problems, argument, family)) {
                    return null;
                }
                className = c;
                Object inner = map.get("config");
                if (inner instanceof String fn && "function".equals(c)) {
                    className = fn; // Keras 3's {"class_name": "function", "config": "relu"}
                    config = Map.of();
                } else if (inner == null || inner instanceof Map<?, ?>) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> cfg = inner == null ? Map.of() : (Map<String, Object>) inner;
                    config = cfg;
                } else {
                    problems.add(argument, value, "a " + family.noun() + " config must be an object");
                    return null;
                }
            } else if (map.get("name") instanceof String n) {
                className = n; // Keras 1: {"name": "L1L2Regularizer", "l1": 0.0, "l2": 0.01}
                config = new LinkedHashMap<>(map);
                config.remove("name");
            } else {
                problems.add(argument, value, "not a serialized Keras " + family.noun() + " (no class_name)");
                return null;
            }
        } else {
            problems.add(argument, value, "a " + family.noun() + " must be a name or a serialized object");
            return null;
        }
        Map<String, Object> out = family == Family.ACTIVATION ? activation(className, config, legacy, problems, argument, value)
                : object(family, className, config, problems, argument, value);
        if (out == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> cfg = (Map<String, Object>) out.get("config");
            family.registry.apply((String) out.get("class_name"), cfg);
        } catch (IllegalArgumentException e) {
            problems.add(argument, value, e.getMessage());
            return null;
        }
        return out;
    }

    /** True (problem recorded) for a custom object: a registered name of its own, or a module outside Keras. */
    private static boolean custom(Map<String, Object> map, Problems.Scope problems, String argument, Family family) {
        Object registered = map.get("registered_name");
        Object module = map.get("module");
        String className = (String) map.get("class_name");
        if ("__lambda__".equals(className)) {
            problems.add(argument, "__lambda__", "a lambda " + family.noun() + " is Python bytecode stored in the file;"
                    + " keras4j never executes code from a model file");
            return true;
        }
        boolean customModule = module instanceof String mod && !mod.equals("keras") && !mod.startsWith("keras.");
        boolean customName = registered instanceof String r && !r.equals(className)
                && !("function".equals(className) && r.equals(map.get("config")));
        if (customModule || customName) {
            problems.add(argument, registered instanceof String r ? r : className, "a custom " + family.noun()
                    + (module instanceof String mod ? " from module '" + mod + "'" : "")
                    + ": keras4j only has Keras's built-in " + family.noun() + "s and runs no Python code");
            return true;
        }
        return false;
    }

    private static Map<String, Object> activation(String name, Map<String, Object> config, boolean legacy,
            Problems.Scope problems, String argument, Object value) {
        String id = name.toLowerCase(Locale.ROOT);
        if (id.equals("swish")) {
            id = "silu";
        }
        if (legacy && id.equals("hard_sigmoid")) {
            id = Activations.LEGACY_HARD_SIGMOID; // Keras 1 / 2's formula, not Keras 3's
        }
        if (!Activations.names().contains(id) || id.equals("binary_step")) {
            problems.add(argument, value, "keras4j has no activation '" + name + "'; it has "
                    + String.join(", ", KERAS_ACTIVATIONS));
            return null;
        }
        return nested(id, new LinkedHashMap<>(config));
    }

    private static Map<String, Object> object(Family family, String className, Map<String, Object> config,
            Problems.Scope problems, String argument, Object value) {
        Kind kind = kind(family, className);
        if (kind == null) {
            problems.add(argument, value, "keras4j has no " + family.noun() + " '" + className + "'; it has "
                    + String.join(", ", kinds(family).keySet()));
            return null;
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : legacyKeys(family, config).entrySet()) {
            String key = e.getKey();
            if (kind.keys().contains(key) && !key.equals("seed")) {
                cfg.put(key, e.getValue());
            } else if (family == Family.INITIALIZER && HARMLESS_INITIALIZER_KEYS.contains(key)) {
                if (key.equals("dtype") && e.getValue() != null && !"float32".equals(e.getValue())) {
                    problems.add(argument + ".dtype", e.getValue(), "keras4j keeps weights in float32");
                    return null;
                }
            } else if (e.getValue() != null) {
                problems.add(argument + "." + key, e.getValue(), "keras4j's " + kind.keras4jId() + " takes no '" + key
                        + "'; it takes " + kind.keys());
                return null;
            }
        }
        if (family == Family.REGULARIZER) {
            // Keras's L1L2 defaults both factors to 0, keras4j's l1_l2 to 0.01: write both
            for (String key : kind.keys()) {
                cfg.putIfAbsent(key, kind.kerasDefaults().get(key));
            }
        }
        return nested(kind.keras4jId(), cfg);
    }

    /** Keras 1's argument names: MaxNorm {@code m}, L1L2Regularizer without class. */
    private static Map<String, Object> legacyKeys(Family family, Map<String, Object> config) {
        if (family != Family.CONSTRAINT || !config.containsKey("m")) {
            return config;
        }
        Map<String, Object> out = new LinkedHashMap<>(config);
        out.put("max_value", out.remove("m"));
        return out;
    }

    /** The Keras class of a family for any of its spellings: {@code GlorotUniform}, {@code glorot_uniform}, Keras 1's {@code one}. */
    private static Kind kind(Family family, String className) {
        Map<String, Kind> kinds = kinds(family);
        Kind k = kinds.get(className);
        if (k != null) {
            return k;
        }
        String key = className.toLowerCase(Locale.ROOT).replace("_", "");
        key = switch (key) {
            case "one" -> "ones";
            case "zero" -> "zeros";
            case "uniform" -> "randomuniform";
            case "normal" -> "randomnormal";
            case "l1l2regularizer", "weightregularizer" -> "l1l2";
            case "maxnorm", "nonneg", "unitnorm", "minmaxnorm" -> key;
            case "orthogonalinitializer" -> "orthogonal";
            case "identityinitializer" -> "identity";
            default -> key;
        };
        for (Kind candidate : kinds.values()) {
            if (candidate.kerasClass().toLowerCase(Locale.ROOT).equals(key)) {
                return candidate;
            }
        }
        return null;
    }

    private static Map<String, Object> nested(String id, Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", id);
        out.put("config", config);
        return out;
    }

    /**
     * {@code value} (a keras4j activation, initializer, regularizer or constraint) as Keras 3 serializes it: an
     * activation as its name, anything else as {@code {"module", "class_name", "config", "registered_name"}}.
     *
     * @throws IllegalArgumentException if Keras 3 has no equivalent (an activation keras4j adds, an activation with
     *                                  arguments other than its defaults)
     */
    static Object write(Family family, Configurable value) {
        if (value == null) {
            return null;
        }
        if (family == Family.ACTIVATION) {
            if (!KERAS_ACTIVATIONS.contains(value.identifier())) {
                throw new IllegalArgumentException("activation '" + value.identifier() + "' has no Keras 3 equivalent");
            }
            if (!value.getConfig().isEmpty()) {
                throw new IllegalArgumentException("activation '" + value.identifier() + "' with arguments "
                        + value.getConfig() + " cannot be written: Keras 3 names activations by function only (use the "
                        + "layer form, e.g. LeakyReLU / ReLU / ELU)");
            }
            return value.identifier();
        }
        Kind kind = null;
        for (Kind k : kinds(family).values()) {
            if (k.keras4jId().equals(value.identifier())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException(family.noun() + " '" + value.identifier() + "' has no Keras 3 equivalent");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : kind.keys()) {
            Object v = value.getConfig().containsKey(key) ? value.getConfig().get(key) : kind.kerasDefaults().get(key);
            config.put(key, v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", family.module);
        out.put("class_name", kind.kerasClass());
        out.put("config", config);
        out.put("registered_name", null);
        return out;
    }

    /** The Keras 3 class names of a family, for tests and messages. */
    static List<String> kerasClasses(Family family) {
        return new ArrayList<>(kinds(family).keySet());
    }
}
