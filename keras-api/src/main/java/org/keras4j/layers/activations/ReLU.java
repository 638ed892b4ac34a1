package org.keras4j.layers.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * Keras's ReLU layer: {@code min(maxValue, x)} for {@code x >= threshold},
 * {@code negativeSlope * (x - threshold)} otherwise. Defaults: no max, slope 0, threshold 0.
 *
 * <pre>{@code
 * new ReLU(6.0, 0.0, 0.0);   // relu6
 * }</pre>
 */
public final class ReLU extends ActivationLayer {
    private final Double maxValue;
    private final double negativeSlope;
    private final double threshold;

    public ReLU() {
        this(null, 0.0, 0.0);
    }

    /** @throws IllegalArgumentException if maxValue or negativeSlope is negative */
    public ReLU(Double maxValue, double negativeSlope, double threshold) {
        if (maxValue != null && !(maxValue >= 0)) {
            throw new IllegalArgumentException("ReLU maxValue must be >= 0, got " + maxValue);
        }
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException("ReLU negativeSlope must be >= 0, got " + negativeSlope);
        }
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
    }

    public static ReLU fromConfig(Map<String, Object> cfg) {
        return withSavedName(new ReLU(Configs.getNullableDouble(cfg, "max_value"),
                Configs.getDouble(cfg, "negative_slope", 0.0), Configs.getDouble(cfg, "threshold", 0.0)), cfg);
    }

    @Override
    public ActivationFunction function() {
        if (maxValue == null && negativeSlope == 0 && threshold == 0) {
            return Activations.get("relu");
        }
        return Activations.relu(negativeSlope, maxValue, threshold);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("max_value", maxValue);
        cfg.put("negative_slope", negativeSlope);
        cfg.put("threshold", threshold);
        return cfg;
    }
}
