package org.keras4j.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Registry;

/**
 * Keras's activation identifiers and typed factories; the one place activation names resolve.
 *
 * <pre>{@code
 * ActivationFunction relu = Activations.get("relu");
 * ActivationFunction leaky = Activations.leakyRelu(0.1);
 * ActivationFunction capped = Activations.relu(0.0, 6.0, 0.0);   // same function as "relu6"
 * }</pre>
 *
 * <p>Identifiers, with Keras 3's formulas:
 * <ul>
 *   <li>{@code linear}: {@code x}</li>
 *   <li>{@code relu}: {@code max(x, 0)}; with arguments see {@link #relu(double, Double, double)}</li>
 *   <li>{@code leaky_relu}: {@code x >= 0 ? x : negative_slope * x}, negative_slope 0.2</li>
 *   <li>{@code relu6}: {@code min(max(x, 0), 6)}</li>
 *   <li>{@code elu}: {@code x > 0 ? x : alpha * (exp(x) - 1)}, alpha 1.0</li>
 *   <li>{@code selu}: {@code scale * elu(x, alpha)}, alpha 1.6732632, scale 1.0507010</li>
 *   <li>{@code gelu}: {@code 0.5 x (1 + erf(x / sqrt(2)))}; with {@code approximate=true}
 *       {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}</li>
 *   <li>{@code silu} (alias {@code swish}): {@code x * sigmoid(x)}</li>
 *   <li>{@code sigmoid}: {@code 1 / (1 + exp(-x))}; {@code tanh}</li>
 *   <li>{@code hard_sigmoid}: {@code relu6(x + 3) / 6}</li>
 *   <li>{@code hard_silu} (alias {@code hard_swish}): {@code x * hard_sigmoid(x)}</li>
 *   <li>{@code softplus}: {@code log(exp(x) + 1)}; {@code softsign}: {@code x / (|x| + 1)}</li>
 *   <li>{@code mish}: {@code x * tanh(softplus(x))}; {@code exponential}: {@code exp(x)}</li>
 *   <li>{@code softmax}, {@code log_softmax}: over the last axis</li>
 *   <li>{@code binary_step} (the course's step function, not in Keras): {@code x > 0 ? 1 : 0},
 *       gradient 0</li>
 *   <li>{@code legacy_hard_sigmoid} (Keras 1 / 2's {@code hard_sigmoid}, which Keras 3 replaced):
 *       {@code clip(0.2 x + 0.5, 0, 1)}; a model loaded from a Keras 1 / 2 file gets it for its
 *       {@code hard_sigmoid}</li>
 * </ul>
 */
public final class Activations {
    /** Keras's default {@code negative_slope} of the {@code leaky_relu} activation (the layer's is 0.3). */
    public static final double LEAKY_RELU_NEGATIVE_SLOPE = 0.2;
    /** Keras 1 / 2's {@code hard_sigmoid}, {@code clip(0.2 x + 0.5, 0, 1)}: not Keras 3's. */
    public static final String LEGACY_HARD_SIGMOID = "legacy_hard_sigmoid";
    /** Keras's default {@code alpha} of {@code elu}. */
    public static final double ELU_ALPHA = 1.0;

    private static final Registry<ActivationFunction> REGISTRY = new Registry<>("activation");

    static {
        for (String simple : new String[] {"linear", "sigmoid", "tanh", "softmax", "log_softmax", "selu", "softplus",
                "softsign", "hard_sigmoid", "relu6", "exponential", "mish", "binary_step", LEGACY_HARD_SIGMOID}) {
            REGISTRY.register(cfg -> {
                checkKeys(simple, cfg);
                return new ActivationFunction(simple, Map.of());
            }, simple);
        }
        REGISTRY.register(cfg -> {
            checkKeys("silu", cfg);
            return new ActivationFunction("silu", Map.of());
        }, "silu", "swish");
        REGISTRY.register(cfg -> {
            checkKeys("hard_silu", cfg);
            return new ActivationFunction("hard_silu", Map.of());
        }, "hard_silu", "hard_swish");
        REGISTRY.register(cfg -> {
            checkKeys("relu", cfg, "negative_slope", "max_value", "threshold");
            Object max = cfg.get("max_value");
            return relu(number("relu", cfg, "negative_slope", 0.0),
                    max == null ? null : number("relu", cfg, "max_value", 0.0),
                    number("relu", cfg, "threshold", 0.0));
        }, "relu");
        REGISTRY.register(cfg -> {
            checkKeys("leaky_relu", cfg, "negative_slope");
            return leakyRelu(number("leaky_relu", cfg, "negative_slope", LEAKY_RELU_NEGATIVE_SLOPE));
        }, "leaky_relu");
        REGISTRY.register(cfg -> {
            checkKeys("elu", cfg, "alpha");
            return elu(number("elu", cfg, "alpha", ELU_ALPHA));
        }, "elu");
        REGISTRY.register(cfg -> {
            checkKeys("gelu", cfg, "approximate");
            Object approximate = cfg.getOrDefault("approximate", Boolean.FALSE);
            if (!(approximate instanceof Boolean b)) {
                throw new IllegalArgumentException("activation 'gelu' argument 'approximate' must be a boolean, got "
                        + approximate);
            }
            return gelu(b);
        }, "gelu");
    }

    private Activations() {
    }

    /**
     * The activation named {@code name} with Keras's default arguments; {@code null} means
     * linear, as in Keras. Names are case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones and the closest
     */
    public static ActivationFunction get(String name) {
        return name == null ? linear() : REGISTRY.get(name);
    }

    /**
     * Rebuilds an activation from its saved identifier and config.
     *
     * @throws IllegalArgumentException for an unknown name, an argument the activation does not
     *     take, or a value of the wrong type
     */
    public static ActivationFunction fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    /** Every identifier {@link #get} accepts, aliases included, sorted. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    public static ActivationFunction linear() {
        return get("linear");
    }

    /**
     * {@code x >= 0 ? x : negativeSlope * x}; {@code Activations.get("leaky_relu")} uses
     * Keras's default 0.2.
     *
     * @throws IllegalArgumentException if {@code negativeSlope} is not finite
     */
    public static ActivationFunction leakyRelu(double negativeSlope) {
        requireFinite("leaky_relu", "negative_slope", negativeSlope);
        return new ActivationFunction("leaky_relu", nonDefault("negative_slope", negativeSlope, LEAKY_RELU_NEGATIVE_SLOPE));
    }

    /**
     * {@code x > 0 ? x : alpha * (exp(x) - 1)}; {@code Activations.get("elu")} uses alpha 1.0.
     *
     * @throws IllegalArgumentException if {@code alpha} is not finite
     */
    public static ActivationFunction elu(double alpha) {
        requireFinite("elu", "alpha", alpha);
        return new ActivationFunction("elu", nonDefault("alpha", alpha, ELU_ALPHA));
    }

    /**
     * GELU; {@code approximate=false} (Keras's default) is the exact
     * {@code 0.5 x (1 + erf(x / sqrt(2)))}, {@code true} the tanh approximation.
     */
    public static ActivationFunction gelu(boolean approximate) {
        return new ActivationFunction("gelu", approximate ? Map.of("approximate", true) : Map.of());
    }

    /**
     * Keras's parameterised ReLU, {@code keras.activations.relu(x, negative_slope, max_value, threshold)}:
     * {@code clip(x > threshold ? x : 0, 0, maxValue) - negativeSlope * max(threshold - x, 0)},
     * with no clipping when {@code maxValue} is null. With the defaults (0, null, 0) it equals
     * {@code Activations.get("relu")}.
     *
     * @throws IllegalArgumentException if an argument is not finite or {@code maxValue} is negative
     */
    public static ActivationFunction relu(double negativeSlope, Double maxValue, double threshold) {
        requireFinite("relu", "negative_slope", negativeSlope);
        requireFinite("relu", "threshold", threshold);
        if (maxValue != null && !(maxValue >= 0 && Double.isFinite(maxValue))) {
            throw new IllegalArgumentException("activation 'relu' argument 'max_value' must be null or a finite number"
                    + " >= 0, got " + maxValue);
        }
        Map<String, Object> cfg = new LinkedHashMap<>(nonDefault("negative_slope", negativeSlope, 0.0));
        if (maxValue != null) {
            cfg.put("max_value", maxValue);
        }
        cfg.putAll(nonDefault("threshold", threshold, 0.0));
        return new ActivationFunction("relu", cfg);
    }

    private static Map<String, Object> nonDefault(String key, double value, double defaultValue) {
        return value == defaultValue ? Map.of() : Map.of(key, value);
    }

    private static void requireFinite(String activation, String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("activation '" + activation + "' argument '" + key
                    + "' must be a finite number, got " + value);
        }
    }

    private static double number(String activation, Map<String, Object> cfg, String key, double defaultValue) {
        Object v = cfg.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("activation '" + activation + "' argument '" + key
                    + "' must be a number, got " + v.getClass().getSimpleName() + " " + v);
        }
        return n.doubleValue();
    }

    private static void checkKeys(String activation, Map<String, Object> cfg, String... allowed) {
        List<String> valid = List.of(allowed);
        for (String key : cfg.keySet()) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("activation '" + activation + "' has no argument '" + key + "'; "
                        + (valid.isEmpty() ? "it takes none" : "valid arguments: " + String.join(", ", valid)));
            }
        }
    }
}
