package org.keras4j.layers.core;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Declares the shape of one input sample (batch dimension implicit), as {@code keras.Input}.
 * Only valid as the first layer of a {@code Sequential}; it has no parameters and is not
 * listed by {@code summary()}.
 *
 * <pre>{@code
 * new Sequential(new Input(8), new Dense(10, "relu"), new Dense(1));
 * }</pre>
 */
public final class Input extends Layer {
    private final Shape shape;

    public Input(long... shape) {
        this.shape = Shape.of(shape);
    }

    public Input(Shape shape) {
        this.shape = shape;
    }

    public static Input fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Input(Configs.getLongArray(cfg, "shape")), cfg);
    }

    public Shape shape() {
        return shape;
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return shape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("shape", shape.dims());
    }
}
