package org.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Registry;

/**
 * Keras's initializers with Keras's defaults.
 *
 * <table>
 * <caption>identifiers</caption>
 * <tr><td>glorot_uniform</td><td>U(-l, l), l = sqrt(6 / (fan_in + fan_out))</td></tr>
 * <tr><td>glorot_normal</td><td>truncated N(0, sqrt(2 / (fan_in + fan_out)))</td></tr>
 * <tr><td>he_uniform / he_normal</td><td>as above with 6 / fan_in, 2 / fan_in</td></tr>
 * <tr><td>lecun_uniform / lecun_normal</td><td>as above with 3 / fan_in, 1 / fan_in</td></tr>
 * <tr><td>random_uniform</td><td>U(minval=-0.05, maxval=0.05)</td></tr>
 * <tr><td>random_normal / truncated_normal</td><td>N(mean=0, stddev=0.05), truncated at 2 stddev</td></tr>
 * <tr><td>zeros, ones, constant(value)</td><td>constants</td></tr>
 * <tr><td>orthogonal(gain=1)</td><td>a random orthogonal matrix times gain</td></tr>
 * </table>
 *
 * <pre>{@code
 * Initializer init = Initializers.get("he_normal");
 * Initializer small = Initializers.randomNormal(0.0, 0.01);
 * }</pre>
 */
public final class Initializers {
    private static final Registry<Initializer> REGISTRY = new Registry<>("initializer");

    static {
        for (String name : new String[] {"glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
                "lecun_uniform", "lecun_normal", "zeros", "ones", "orthogonal", "identity"}) {
            REGISTRY.register(cfg -> new Initializer(name, cfg), name);
        }
        REGISTRY.register(cfg -> new Initializer("random_uniform", withDefaults(cfg, "minval", -0.05, "maxval", 0.05)),
                "random_uniform", "uniform");
        REGISTRY.register(cfg -> new Initializer("random_normal", withDefaults(cfg, "mean", 0.0, "stddev", 0.05)),
                "random_normal", "normal");
        REGISTRY.register(cfg -> new Initializer("truncated_normal", withDefaults(cfg, "mean", 0.0, "stddev", 0.05)),
                "truncated_normal");
        REGISTRY.register(cfg -> new Initializer("constant", withDefaults(cfg, "value", 0.0)), "constant");
        REGISTRY.register(cfg -> new Initializer("orthogonal", withDefaults(cfg, "gain", 1.0)), "orthogonal");
        REGISTRY.register(cfg -> new Initializer("identity", withDefaults(cfg, "gain", 1.0)), "identity");
        REGISTRY.register(cfg -> new Initializer("glorot_uniform", cfg), "xavier_uniform");
        REGISTRY.register(cfg -> new Initializer("glorot_normal", cfg), "xavier_normal");
    }

    private Initializers() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the valid ones */
    public static Initializer get(String name) {
        return REGISTRY.get(name);
    }

    public static Initializer fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }

    public static Initializer glorotUniform() {
        return get("glorot_uniform");
    }

    public static Initializer heNormal() {
        return get("he_normal");
    }

    public static Initializer zeros() {
        return get("zeros");
    }

    public static Initializer ones() {
        return get("ones");
    }

    public static Initializer constant(double value) {
        return new Initializer("constant", Map.of("value", value));
    }

    public static Initializer randomNormal(double mean, double stddev) {
        return new Initializer("random_normal", Map.of("mean", mean, "stddev", stddev));
    }

    public static Initializer randomUniform(double minval, double maxval) {
        return new Initializer("random_uniform", Map.of("minval", minval, "maxval", maxval));
    }

    public static Initializer truncatedNormal(double mean, double stddev) {
        return new Initializer("truncated_normal", Map.of("mean", mean, "stddev", stddev));
    }

    public static Initializer orthogonal(double gain) {
        return new Initializer("orthogonal", Map.of("gain", gain));
    }

    private static Map<String, Object> withDefaults(Map<String, Object> cfg, Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], cfg.getOrDefault((String) keyValues[i], keyValues[i + 1]));
        }
        return out;
    }
}
