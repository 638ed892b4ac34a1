package org.keras4j.layers.regularization;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the
 * rest by {@code 1 / (1 - rate)}; the identity at inference. {@code rate} is the drop
 * probability, as in Keras (DL4J's dropOut takes the keep probability; keras4j converts).
 *
 * <pre>{@code
 * new Sequential(new Input(784), new Dense(128, "relu"), new Dropout(0.2), new Dense(10, "softmax"));
 * }</pre>
 */
public final class Dropout extends Layer {
    private final double rate;

    /** @throws IllegalArgumentException unless {@code 0 <= rate < 1} */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public static Dropout fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Dropout(Configs.getDouble(cfg, "rate", 0.5)), cfg);
    }

    /** The probability of dropping each input. */
    public double rate() {
        return rate;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("rate", rate);
    }
}
