package org.keras4j.layers.merging;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;

/**
 * Adds a list of tensors element-wise, as Keras's {@code Add}: {@code output = x0 + x1 + …}.
 *
 * <p>Takes two or more tensors. Shapes broadcast as in Keras: aligned on the last axis, each size must
 * match or be 1 (a tensor of lower rank gains leading axes of size 1), e.g. {@code (None, 4, 5)}
 * and {@code (None, 1, 5)} give {@code (None, 4, 5)}.
 *
 * <pre>{@code
 * KerasTensor sum = new Add().apply(a, b);
 * }</pre>
 */
public final class Add extends Merge {
    public static Add fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Add(), cfg);
    }

    /**
     * @throws IllegalArgumentException if not called on two or more tensors or the shapes do not broadcast
     */
    @Override
    public Shape computeOutputShape(List<Shape> inputShapes) {
        requireAtLeastTwo(inputShapes);
        return broadcastShapes(inputShapes);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }
}
