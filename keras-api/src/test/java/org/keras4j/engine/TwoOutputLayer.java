package org.keras4j.engine;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;

/** A test layer with two outputs and no weights: the two halves of a vector. */
public final class TwoOutputLayer extends Layer {
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return Shape.of(inputShape.get(0) / 2);
    }

    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape half = computeOutputShape(inputShapes);
        return List.of(half, half);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }
}
