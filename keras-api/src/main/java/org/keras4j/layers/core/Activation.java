package org.keras4j.layers.core;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Applies an activation function to its input; shape unchanged, no parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(4), new Dense(3), new Activation("softmax"));
 * }</pre>
 */
public final class Activation extends Layer {
    private final ActivationFunction activation;

    /** @throws IllegalArgumentException for an unknown activation name */
    public Activation(String activation) {
        this(Activations.get(activation));
    }

    public Activation(ActivationFunction activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        this.activation = activation;
    }

    public static Activation fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Activation(Configs.deserialize(cfg.get("activation"), Activations::fromConfig)), cfg);
    }

    public ActivationFunction activation() {
        return activation;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("activation", Configs.serialize(activation));
    }
}
