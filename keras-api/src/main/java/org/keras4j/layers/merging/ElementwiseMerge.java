package org.keras4j.layers.merging;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;

/**
 * Base of the element-wise merges ({@link Add}, {@link Average}, {@link Maximum},
 * {@link Minimum}, {@link Multiply}): two or more tensors whose shapes broadcast as in Keras
 * (aligned on the last axis, each size equal or 1, a tensor of lower rank gaining leading axes of
 * size 1), no arguments of their own.
 *
 * <pre>{@code
 * KerasTensor sum = new Add().apply(a, b);   // (None, 4, 5) and (None, 1, 5) give (None, 4, 5)
 * }</pre>
 */
public abstract class ElementwiseMerge extends Merge {
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
