package org.keras4j.constraints;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Configurable;

/**
 * A weight constraint named as in Keras ({@code "max_norm"}, {@code "non_neg"},
 * {@code "unit_norm"}, {@code "min_max_norm"}) with its arguments, applied to a variable after
 * each optimizer step. Immutable; get one from {@link Constraints}.
 *
 * <p>The norm constraints rescale each slice along {@code axis}: for a Dense kernel
 * {@code (inputs, units)}, axis 0 (the default) constrains the incoming weight vector of each
 * unit; for a Conv2D kernel {@code (rows, cols, in_channels, filters)} use axis {@code [0, 1, 2]}.
 *
 * <pre>{@code
 * new Dense(64, "relu").withKernelConstraint(Constraints.maxNorm(3.0));
 * }</pre>
 */
public final class Constraint implements Configurable {
    private final String name;
    private final Map<String, Object> config;

    Constraint(String name, Map<String, Object> config) {
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

    /** A numeric argument, e.g. {@code param("max_value")}. */
    public double param(String key) {
        Object v = config.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("constraint '" + name + "' has no numeric argument '" + key + "'");
        }
        return n.doubleValue();
    }

    /** The axes the norm is taken over (Keras's {@code axis}); empty for {@code non_neg}. */
    public int[] axis() {
        return axisOf(config.get("axis"));
    }

    /** Keras writes one axis as an int and several as a list. */
    static int[] axisOf(Object axis) {
        if (axis == null) {
            return new int[0];
        }
        return Configs.toIntArray("axis", axis);
    }

    /** The config form of axes: an int for one, a list for several (as Keras). */
    static Object axisConfig(int[] axis) {
        if (axis.length == 1) {
            return axis[0];
        }
        List<Integer> out = new ArrayList<>();
        for (int a : axis) {
            out.add(a);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constraint other && name.equals(other.name) && config.equals(other.config);
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
