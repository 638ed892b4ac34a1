package org.keras4j.constraints;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Keras's weight constraints with Keras's defaults ({@code norm} is the L2 norm of each slice
 * along {@code axis}, {@code eps = 1e-7}):
 *
 * <table>
 * <caption>identifiers</caption>
 * <tr><td>max_norm(max_value=2, axis=0)</td><td>{@code w * clip(norm, 0, max_value) / (eps + norm)}</td></tr>
 * <tr><td>non_neg</td><td>{@code max(w, 0)}</td></tr>
 * <tr><td>unit_norm(axis=0)</td><td>{@code w / (eps + norm)}</td></tr>
 * <tr><td>min_max_norm(min_value=0, max_value=1, rate=1, axis=0)</td>
 *     <td>{@code w * (rate * clip(norm, min_value, max_value) + (1 - rate) * norm) / (eps + norm)}</td></tr>
 * </table>
 *
 * <pre>{@code
 * Constraint c = Constraints.get("max_norm");            // max_value 2, axis 0
 * Constraint perFilter = Constraints.maxNorm(3.0, 0, 1, 2);
 * }</pre>
 */
public final class Constraints {
    private static final Registry<Constraint> REGISTRY = new Registry<Constraint>("constraint")
            .register(cfg -> maxNorm(Configs.getDouble(cfg, "max_value", 2.0), axisOr0(cfg)), "max_norm", "maxnorm")
            .register(cfg -> nonNeg(), "non_neg", "nonneg")
            .register(cfg -> unitNorm(axisOr0(cfg)), "unit_norm", "unitnorm")
            .register(cfg -> minMaxNorm(Configs.getDouble(cfg, "min_value", 0.0), Configs.getDouble(cfg, "max_value", 1.0),
                    Configs.getDouble(cfg, "rate", 1.0), axisOr0(cfg)), "min_max_norm", "minmaxnorm");

    private Constraints() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the valid ones */
    public static Constraint get(String name) {
        return REGISTRY.get(name);
    }

    /** Rebuilds a constraint from its identifier and {@link Constraint#getConfig()}. */
    public static Constraint fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }

    /**
     * Caps the norm of each slice along {@code axis} (default 0) at {@code maxValue}.
     *
     * @throws IllegalArgumentException if maxValue is negative or not finite, or axes repeat
     */
    public static Constraint maxNorm(double maxValue, int... axis) {
        requireNonNegative("max_norm", "max_value", maxValue);
        return new Constraint("max_norm", config("max_value", maxValue, "axis", Constraint.axisConfig(axes(axis))));
    }

    /** Sets negative weights to zero. */
    public static Constraint nonNeg() {
        return new Constraint("non_neg", Map.of());
    }

    /**
     * Rescales each slice along {@code axis} (default 0) to unit norm.
     *
     * @throws IllegalArgumentException if axes repeat
     */
    public static Constraint unitNorm(int... axis) {
        return new Constraint("unit_norm", config("axis", Constraint.axisConfig(axes(axis))));
    }

    /**
     * Moves the norm of each slice along {@code axis} (default 0) into [minValue, maxValue], by
     * the fraction {@code rate} of the way per step (1 = at once).
     *
     * @throws IllegalArgumentException unless 0 &lt;= minValue &lt;= maxValue and 0 &lt;= rate &lt;= 1,
     *     or if axes repeat
     */
    public static Constraint minMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        requireNonNegative("min_max_norm", "min_value", minValue);
        requireNonNegative("min_max_norm", "max_value", maxValue);
        if (minValue > maxValue) {
            throw new IllegalArgumentException("min_max_norm: min_value must be <= max_value, got min_value=" + minValue
                    + ", max_value=" + maxValue);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("min_max_norm: rate must be in [0, 1], got " + rate);
        }
        return new Constraint("min_max_norm", config("min_value", minValue, "max_value", maxValue, "rate", rate,
                "axis", Constraint.axisConfig(axes(axis))));
    }

    private static int[] axisOr0(Map<String, Object> cfg) {
        return Constraint.axisOf(cfg.get("axis"));
    }

    private static int[] axes(int[] axis) {
        int[] out = axis == null || axis.length == 0 ? new int[] {0} : axis.clone();
        if (Arrays.stream(out).distinct().count() != out.length) {
            throw new IllegalArgumentException("axis must not repeat, got " + Arrays.toString(out));
        }
        return out;
    }

    private static void requireNonNegative(String constraint, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(constraint + ": " + name + " must be a finite number >= 0, got " + value);
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
