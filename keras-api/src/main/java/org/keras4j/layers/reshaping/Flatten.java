package org.keras4j.layers.reshaping;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;

/**
 * Flattens each sample to one dimension in row-major (channels-last) order, as Keras:
 * {@code (None, 28, 28, 1)} becomes {@code (None, 784)}.
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28), new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax"));
 * }</pre>
 */
public final class Flatten extends Layer {
    public Flatten() {
    }

    public static Flatten fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Flatten(), cfg);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return Shape.of(inputShape.size());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }
}
