package org.keras4j.activations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.keras4j.utils.Configurable;

/**
 * An element-wise (or, for softmax, per-sample) activation function, named as in Keras.
 *
 * <p>Immutable. Obtain one from {@link Activations#get(String)} ({@code "relu"}) or a typed
 * factory ({@code Activations.leakyRelu(0.1)}); layers accept either form.
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

    /** Arguments of parameterised activations (e.g. {@code alpha} of leaky_relu); empty otherwise. */
    @Override
    public Map<String, Object> getConfig() {
        return config;
    }

    /** A numeric argument with a default. */
    public double param(String key, double defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : ((Number) v).doubleValue();
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
