package org.keras4j.initializers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;
import java.util.Objects;
import org.keras4j.utils.Configurable;

/**
 * A weight initializer named as in Keras ({@code "glorot_uniform"}, {@code "he_normal"}, …)
 * with its arguments. Immutable; get one from {@link Initializers}.
 *
 * <pre>{@code
 * new Dense(64, "relu").withKernelInitializer(Initializers.heNormal());
 * }</pre>
 */
public final class Initializer implements Configurable {
    private final String name;
    private final Map<String, Object> config;

    Initializer(String name, Map<String, Object> config) {
        this.name = name;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    @Override
    public String identifier() {
        return name;
    }

    @Override
    public Map<String, Object> getConfig() {
        return config;
    }

    /** A numeric argument, e.g. {@code param("stddev", 0.05)}. */
    public double param(String key, double defaultValue) {
        return Configs.getDouble(config, key, defaultValue);
    }

    /** A string argument, e.g. {@code stringParam("mode", "fan_in")} of {@code variance_scaling}. */
    public String stringParam(String key, String defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : v.toString();
    }

    /** True for initializers that set every value to the same constant (zeros, ones, constant). */
    public boolean isConstant() {
        return name.equals("zeros") || name.equals("ones") || name.equals("constant");
    }

    /** The value of a constant initializer. */
    public double constantValue() {
        return switch (name) {
            case "zeros" -> 0.0;
            case "ones" -> 1.0;
            case "constant" -> param("value", 0.0);
            default -> throw new IllegalStateException("initializer '" + name + "' is not constant");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Initializer other && name.equals(other.name) && config.equals(other.config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, config);
    }

    @Override
    public String toString() {
        return config.isEmpty() ? name : name + config;
    }
}
