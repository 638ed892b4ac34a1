package org.keras4j.layers.activations;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * Softmax over the last axis (Keras's default {@code axis=-1}, the only one supported).
 *
 * <pre>{@code
 * new Sequential(new Input(4), new Dense(3), new Softmax());
 * }</pre>
 */
public final class Softmax extends ActivationLayer {
    public Softmax() {
    }

    public static Softmax fromConfig(Map<String, Object> cfg) {
        int axis = Configs.getInt(cfg, "axis", -1);
        if (axis != -1) {
            throw new IllegalArgumentException("Softmax supports axis=-1 only, got " + axis);
        }
        return withSavedName(new Softmax(), cfg);
    }

    @Override
    public ActivationFunction function() {
        return Activations.get("softmax");
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("axis", -1);
    }
}
