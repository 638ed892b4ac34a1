package org.keras4j.layers.merging;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;

/**
 * Subtracts two tensors element-wise, as Keras's {@code Subtract}: {@code output = x0 - x1}.
 *
 * <p>Takes exactly two tensors. Shapes broadcast as in Keras: aligned on the last axis, each size must
 * match or be 1 (a tensor of lower rank gains leading axes of size 1), e.g. {@code (None, 4, 5)}
 * and {@code (None, 1, 5)} give {@code (None, 4, 5)}.
 *
 * <pre>{@code
 * KerasTensor diff = new Subtract().apply(a, b);
 * }</pre>
 */
public final class Subtract extends Merge {
    public static Subtract fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Subtract(), cfg);
    }

    /**
     * @throws IllegalArgumentException if not called on exactly two tensors or the shapes do not broadcast
     */
    @Override
    public Shape computeOutputShape(List<Shape> inputShapes) {
        requireExactlyTwo(inputShapes);
        return broadcastShapes(inputShapes);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }
}
