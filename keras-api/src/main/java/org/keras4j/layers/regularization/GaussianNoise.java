package org.keras4j.layers.regularization;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Adds zero-centred Gaussian noise of standard deviation {@code stddev} during training only.
 *
 * <pre>{@code
 * new Sequential(new Input(784), new GaussianNoise(0.1), new Dense(64, "relu"));
 * }</pre>
 */
public final class GaussianNoise extends Layer {
    private final double stddev;

    /** @throws IllegalArgumentException if {@code stddev} is negative */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0)) {
            throw new IllegalArgumentException("GaussianNoise stddev must be >= 0, got " + stddev);
        }
        this.stddev = stddev;
    }

    public static GaussianNoise fromConfig(Map<String, Object> cfg) {
        return withSavedName(new GaussianNoise(Configs.getDouble(cfg, "stddev", 0.0)), cfg);
    }

    public double stddev() {
        return stddev;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("stddev", stddev);
    }
}
