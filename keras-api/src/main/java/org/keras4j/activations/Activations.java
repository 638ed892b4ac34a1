package org.keras4j.activations;

import java.util.Map;
import org.keras4j.utils.Registry;

/**
 * Keras's activation identifiers and typed factories.
 *
 * <pre>{@code
 * ActivationFunction relu = Activations.get("relu");
 * ActivationFunction leaky = Activations.leakyRelu(0.1);
 * }</pre>
 *
 * <p>Identifiers: linear, relu, sigmoid, tanh, softmax, leaky_relu, elu, selu, gelu, swish
 * (alias silu), softplus, softsign, hard_sigmoid, relu6, exponential, binary_step.
 */
public final class Activations {
    private static final Registry<ActivationFunction> REGISTRY = new Registry<>("activation");

    static {
        for (String simple : new String[] {"linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "gelu",
                "swish", "softplus", "softsign", "hard_sigmoid", "relu6", "exponential", "binary_step"}) {
            REGISTRY.register(cfg -> new ActivationFunction(simple, cfg), simple);
        }
        REGISTRY.register(cfg -> new ActivationFunction("swish", cfg), "silu");
        REGISTRY.register(cfg -> new ActivationFunction("leaky_relu",
                Map.of("alpha", cfg.getOrDefault("alpha", 0.2))), "leaky_relu");
    }

    private Activations() {
    }

    /**
     * The activation named {@code name}; {@code null} means linear, as in Keras.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static ActivationFunction get(String name) {
        return name == null ? linear() : REGISTRY.get(name);
    }

    /** Rebuilds an activation from its saved identifier and config. */
    public static ActivationFunction fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static java.util.Set<String> names() {
        return REGISTRY.names();
    }

    public static ActivationFunction linear() {
        return get("linear");
    }

    /** {@code x >= 0 ? x : alpha * x}; Keras's {@code leaky_relu} defaults alpha to 0.2. */
    public static ActivationFunction leakyRelu(double alpha) {
        return new ActivationFunction("leaky_relu", Map.of("alpha", alpha));
    }

    /** {@code x > 0 ? x : alpha * (exp(x) - 1)}. */
    public static ActivationFunction elu(double alpha) {
        return new ActivationFunction("elu", Map.of("alpha", alpha));
    }

    /**
     * Keras's parameterised ReLU: {@code max_value} caps the output (null for none),
     * {@code negative_slope} applies below {@code threshold}.
     */
    public static ActivationFunction relu(double negativeSlope, Double maxValue, double threshold) {
        java.util.Map<String, Object> cfg = new java.util.LinkedHashMap<>();
        cfg.put("negative_slope", negativeSlope);
        if (maxValue != null) {
            cfg.put("max_value", maxValue);
        }
        cfg.put("threshold", threshold);
        return new ActivationFunction("relu", cfg);
    }
}
