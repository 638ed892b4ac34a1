package org.keras4j.layers.merging;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;

/**
 * Averages a list of tensors element-wise, as Keras's {@code Average}: {@code output = (x0 + … + xk) / (k + 1)}.
 *
 * <p>Takes two or more tensors. Shapes broadcast as in Keras: aligned on the last axis, each size must
 * match or be 1 (a tensor of lower rank gains leading axes of size 1), e.g. {@code (None, 4, 5)}
 * and {@code (None, 1, 5)} give {@code (None, 4, 5)}.
 *
 * <pre>{@code
 * KerasTensor mean = new Average().apply(a, b, c);
 * }</pre>
 */
public final class Average extends Merge {
    public static Average fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Average(), cfg);
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
