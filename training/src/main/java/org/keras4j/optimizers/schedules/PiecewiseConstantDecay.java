package org.keras4j.optimizers.schedules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piecewise constant learning rate, as Keras's {@code PiecewiseConstantDecay}:
 * {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * // 1.0 for steps 0..100000, 0.5 for 100001..110000, 0.1 afterwards
 * LearningRateSchedule s = new PiecewiseConstantDecay(new long[] {100000, 110000}, new double[] {1.0, 0.5, 0.1});
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /**
     * @throws IllegalArgumentException if {@code values} does not have one more element than
     *     {@code boundaries}, or the boundaries are not strictly increasing
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries == null || values == null) {
            throw new IllegalArgumentException("boundaries and values must not be null");
        }
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values."
                    + " Received: boundaries=" + Arrays.toString(boundaries) + " of length " + boundaries.length
                    + ", and values=" + Arrays.toString(values) + " of length " + values.length);
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("boundaries must be strictly increasing, got "
                        + Arrays.toString(boundaries));
            }
        }
        for (double v : values) {
            Schedules.requireFinite("values[i]", v);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @SuppressWarnings("unchecked")
    static PiecewiseConstantDecay fromConfig(Map<String, Object> cfg) {
        List<Number> b = (List<Number>) cfg.getOrDefault("boundaries", List.of());
        List<Number> v = (List<Number>) cfg.getOrDefault("values", List.of());
        return new PiecewiseConstantDecay(b.stream().mapToLong(Number::longValue).toArray(),
                v.stream().mapToDouble(Number::doubleValue).toArray());
    }

    @Override
    public double learningRate(long step) {
        Schedules.requireStep(step);
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public String identifier() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        List<Long> b = new ArrayList<>();
        for (long x : boundaries) {
            b.add(x);
        }
        List<Double> v = new ArrayList<>();
        for (double x : values) {
            v.add(x);
        }
        cfg.put("boundaries", b);
        cfg.put("values", v);
        return cfg;
    }

    @Override
    public String toString() {
        return identifier() + getConfig();
    }
}
