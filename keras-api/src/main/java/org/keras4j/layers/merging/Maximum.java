package org.keras4j.layers.merging;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;

/**
 * The element-wise maximum of a list of tensors, as Keras's {@code Maximum}.
 *
 * <p>Takes two or more tensors. Shapes broadcast as in Keras: aligned on the last axis, each size must
 * match or be 1 (a tensor of lower rank gains leading axes of size 1), e.g. {@code (None, 4, 5)}
 * and {@code (None, 1, 5)} give {@code (None, 4, 5)}.
 *
 * <pre>{@code
 * KerasTensor max = new Maximum().apply(a, b);
 * }</pre>
 */
public final class Maximum extends Merge {
    public static Maximum fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Maximum(), cfg);
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
