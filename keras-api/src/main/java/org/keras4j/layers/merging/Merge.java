package org.keras4j.layers.merging;

import java.util.List;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;

/**
 * Base of the layers that combine several tensors into one ({@link Add}, {@link Concatenate}, …),
 * as Keras's {@code Merge}: they are called on a list of tensors and have no weights.
 *
 * <pre>{@code
 * KerasTensor sum = new Add().apply(a, b);
 * }</pre>
 */
public abstract class Merge extends Layer {
    /** The output shape for these input shapes (two or more). */
    @Override
    public abstract Shape computeOutputShape(List<Shape> inputShapes);

    /** A merge layer takes a list of tensors, never one. */
    @Override
    public final Shape computeOutputShape(Shape inputShape) {
        throw new IllegalArgumentException(describe() + " must be called on a list of at least 2 tensors, got one"
                + " tensor of shape " + inputShape);
    }

    /** Fails unless there are at least two inputs, as Keras's merge layers. */
    protected void requireAtLeastTwo(List<Shape> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new IllegalArgumentException(describe() + " must be called on a list of at least 2 tensors, got "
                    + inputShapes.size() + (inputShapes.isEmpty() ? "" : ": " + inputShapes));
        }
    }
}
