package org.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Keras's initializers with Keras's defaults. {@code fan_in} / {@code fan_out} are Keras's: for
 * a Dense kernel {@code [inputs, units]}, for a convolution kernel
 * {@code receptive_field * input_channels} / {@code receptive_field * filters}.
 *
 * <table>
 * <caption>identifiers</caption>
 * <tr><td>glorot_uniform</td><td>U(-l, l), l = sqrt(6 / (fan_in + fan_out))</td></tr>
 * <tr><td>glorot_normal</td><td>truncated normal, std sqrt(2 / (fan_in + fan_out)) after truncation</td></tr>
 * <tr><td>he_uniform / he_normal</td><td>as above with 6 / fan_in, 2 / fan_in</td></tr>
 * <tr><td>lecun_uniform / lecun_normal</td><td>as above with 3 / fan_in, 1 / fan_in</td></tr>
 * <tr><td>variance_scaling(scale=1, mode="fan_in", distribution="truncated_normal")</td>
 *     <td>the general form of the six above; distribution also "untruncated_normal" or "uniform"</td></tr>
 * <tr><td>random_uniform(minval=-0.05, maxval=0.05)</td><td>U(minval, maxval)</td></tr>
 * <tr><td>random_normal(mean=0, stddev=0.05)</td><td>N(mean, stddev)</td></tr>
 * <tr><td>truncated_normal(mean=0, stddev=0.05)</td><td>N(mean, stddev), redrawn beyond 2 stddev</td></tr>
 * <tr><td>zeros, ones, constant(value=0)</td><td>constants</td></tr>
 * <tr><td>orthogonal(gain=1)</td><td>a random orthogonal matrix (QR of a normal matrix) times gain</td></tr>
 * <tr><td>identity(gain=1)</td><td>gain times the (possibly rectangular) identity matrix</td></tr>
 * </table>
 *
 * <pre>{@code
 * Initializer init = Initializers.get("he_normal");
 * Initializer small = Initializers.randomNormal(0.0, 0.01);
 * }</pre>
 */
public final class Initializers {
    private static final Set<String> MODES = Set.of("fan_in", "fan_out", "fan_avg");
    private static final Set<String> DISTRIBUTIONS = Set.of("truncated_normal", "untruncated_normal", "uniform");
    private static final Registry<Initializer> REGISTRY = new Registry<>("initializer");

    static {
        for (String name : new String[] {"glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
                "lecun_uniform", "lecun_normal", "zeros", "ones"}) {
            REGISTRY.register(cfg -> new Initializer(name, Map.of()), name);
        }
        REGISTRY.register(cfg -> new Initializer("glorot_uniform", Map.of()), "xavier_uniform");
        REGISTRY.register(cfg -> new Initializer("glorot_normal", Map.of()), "xavier_normal");
        REGISTRY.register(cfg -> varianceScaling(Configs.getDouble(cfg, "scale", 1.0),
                Configs.getString(cfg, "mode", "fan_in"), Configs.getString(cfg, "distribution", "truncated_normal")),
                "variance_scaling");
        REGISTRY.register(cfg -> randomUniform(Configs.getDouble(cfg, "minval", -0.05), Configs.getDouble(cfg, "maxval", 0.05)),
                "random_uniform", "uniform");
        REGISTRY.register(cfg -> randomNormal(Configs.getDouble(cfg, "mean", 0.0), Configs.getDouble(cfg, "stddev", 0.05)),
                "random_normal", "normal");
        REGISTRY.register(cfg -> truncatedNormal(Configs.getDouble(cfg, "mean", 0.0), Configs.getDouble(cfg, "stddev", 0.05)),
                "truncated_normal");
        REGISTRY.register(cfg -> constant(Configs.getDouble(cfg, "value", 0.0)), "constant");
        REGISTRY.register(cfg -> orthogonal(Configs.getDouble(cfg, "gain", 1.0)), "orthogonal");
        REGISTRY.register(cfg -> identity(Configs.getDouble(cfg, "gain", 1.0)), "identity");
    }

    private Initializers() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the valid ones */
    public static Initializer get(String name) {
        return REGISTRY.get(name);
    }

    /** Rebuilds an initializer from its identifier and {@link Initializer#getConfig()}. */
    public static Initializer fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }

    public static Initializer glorotUniform() {
        return get("glorot_uniform");
    }

    public static Initializer glorotNormal() {
        return get("glorot_normal");
    }

    public static Initializer heUniform() {
        return get("he_uniform");
    }

    public static Initializer heNormal() {
        return get("he_normal");
    }

    public static Initializer lecunUniform() {
        return get("lecun_uniform");
    }

    public static Initializer lecunNormal() {
        return get("lecun_normal");
    }

    public static Initializer zeros() {
        return get("zeros");
    }

    public static Initializer ones() {
        return get("ones");
    }

    /**
     * Keras's {@code VarianceScaling}: variance {@code scale / n}, n = fan_in, fan_out or their mean.
     *
     * @param mode "fan_in", "fan_out" or "fan_avg"
     * @param distribution "truncated_normal" (or its alias "normal"), "untruncated_normal" or "uniform"
     * @throws IllegalArgumentException if scale is not positive or mode / distribution is unknown
     */
    public static Initializer varianceScaling(double scale, String mode, String distribution) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("variance_scaling: scale must be a positive number, got " + scale);
        }
        if (mode == null || !MODES.contains(mode)) {
            throw new IllegalArgumentException("variance_scaling: mode must be one of " + MODES + ", got '" + mode + "'");
        }
        String dist = distribution == null ? null : distribution.toLowerCase(Locale.ROOT);
        if ("normal".equals(dist)) {
            dist = "truncated_normal"; // Keras's alias
        }
        if (dist == null || !DISTRIBUTIONS.contains(dist)) {
            throw new IllegalArgumentException("variance_scaling: distribution must be one of " + DISTRIBUTIONS
                    + ", got '" + distribution + "'");
        }
        return new Initializer("variance_scaling", config("scale", scale, "mode", mode, "distribution", dist));
    }

    public static Initializer constant(double value) {
        requireFinite("constant", "value", value);
        return new Initializer("constant", Map.of("value", value));
    }

    /** @throws IllegalArgumentException if stddev is not positive */
    public static Initializer randomNormal(double mean, double stddev) {
        requireFinite("random_normal", "mean", mean);
        requirePositive("random_normal", "stddev", stddev);
        return new Initializer("random_normal", config("mean", mean, "stddev", stddev));
    }

    /** @throws IllegalArgumentException unless minval &lt; maxval */
    public static Initializer randomUniform(double minval, double maxval) {
        requireFinite("random_uniform", "minval", minval);
        requireFinite("random_uniform", "maxval", maxval);
        if (!(minval < maxval)) {
            throw new IllegalArgumentException("random_uniform: minval must be < maxval, got minval=" + minval
                    + ", maxval=" + maxval);
        }
        return new Initializer("random_uniform", config("minval", minval, "maxval", maxval));
    }

    /** @throws IllegalArgumentException if stddev is not positive */
    public static Initializer truncatedNormal(double mean, double stddev) {
        requireFinite("truncated_normal", "mean", mean);
        requirePositive("truncated_normal", "stddev", stddev);
        return new Initializer("truncated_normal", config("mean", mean, "stddev", stddev));
    }

    public static Initializer orthogonal(double gain) {
        requireFinite("orthogonal", "gain", gain);
        return new Initializer("orthogonal", Map.of("gain", gain));
    }

    public static Initializer identity(double gain) {
        requireFinite("identity", "gain", gain);
        return new Initializer("identity", Map.of("gain", gain));
    }

    private static void requireFinite(String initializer, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(initializer + ": " + name + " must be a finite number, got " + value);
        }
    }

    private static void requirePositive(String initializer, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(initializer + ": " + name + " must be a positive number, got " + value);
        }
    }

    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
