package org.keras4j.activations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;
import java.util.Objects;
import org.keras4j.utils.Configurable;

/**
 * An element-wise (or, for softmax and log_softmax, per-sample along the last axis) activation
 * function, named as in Keras. Declarative: the formula lives in the DL4J translation.
 *
 * <p>Immutable. Obtain one from {@link Activations#get(String)} ({@code "relu"}) or a typed
 * factory ({@code Activations.leakyRelu(0.1)}); layers accept either form. The config holds
 * only arguments that differ from Keras's defaults, so {@code Activations.relu(0.0, null, 0.0)}
 * equals {@code Activations.get("relu")}.
 *
 * <pre>{@code
 * ActivationFunction f = Activations.elu(0.5);
 * f.name();                  // "elu"
 * f.param("alpha", 1.0);     // 0.5
 * }</pre>
 */
public final class ActivationFunction implements Configurable {
    private final String name;
    private final Map<String, Object> config;

    ActivationFunction(String name, Map<String, Object> config) {
        this.name = name;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** Keras's identifier, e.g. {@code "relu"}. */
    public String name() {
        return name;
    }

    @Override
    public String identifier() {
        return name;
    }

    /** Arguments that differ from Keras's defaults (e.g. {@code alpha} of elu); empty otherwise. */
    @Override
    public Map<String, Object> getConfig() {
        return config;
    }

    /** A numeric argument, or {@code defaultValue} when it is not set. */
    public double param(String key, double defaultValue) {
        return Configs.getDouble(config, key, defaultValue);
    }

    /** A numeric argument that has no default ({@code max_value} of relu), or null when not set. */
    public Double nullableParam(String key) {
        return Configs.getNullableDouble(config, key);
    }

    /** A boolean argument ({@code approximate} of gelu), or {@code defaultValue} when it is not set. */
    public boolean flag(String key, boolean defaultValue) {
        return Configs.getBoolean(config, key, defaultValue);
    }

    public boolean isLinear() {
        return name.equals("linear");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationFunction other && name.equals(other.name) && config.equals(other.config);
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
