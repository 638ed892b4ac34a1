package org.keras4j.layers.activations;

import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * {@code x >= 0 ? x : negativeSlope * x}; Keras's default negative slope 0.3.
 *
 * <pre>{@code
 * new Sequential(new Input(10), new Dense(32), new LeakyReLU(0.1), new Dense(1));
 * }</pre>
 */
public final class LeakyReLU extends ActivationLayer {
    private final double negativeSlope;

    public LeakyReLU() {
        this(0.3);
    }

    /** @throws IllegalArgumentException if {@code negativeSlope} is negative */
    public LeakyReLU(double negativeSlope) {
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException("LeakyReLU negativeSlope must be >= 0, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    public static LeakyReLU fromConfig(Map<String, Object> cfg) {
        return withSavedName(new LeakyReLU(Configs.getDouble(cfg, "negative_slope", 0.3)), cfg);
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public ActivationFunction function() {
        return Activations.leakyRelu(negativeSlope);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("negative_slope", negativeSlope);
    }
}
