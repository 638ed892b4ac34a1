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

    /** Fails unless there are exactly two inputs ({@link Subtract}, {@link Dot}). */
    protected void requireExactlyTwo(List<Shape> inputShapes) {
        if (inputShapes.size() != 2) {
            throw new IllegalArgumentException(describe() + " must be called on exactly 2 tensors, got "
                    + inputShapes.size() + (inputShapes.isEmpty() ? "" : ": " + inputShapes));
        }
    }

    /**
     * The shape of an element-wise result, as Keras's {@code _compute_elemwise_op_output_shape}:
     * shapes are aligned on their last axis (a shorter one gains leading axes of size 1, as Keras
     * expands it at axis 1), and on each axis the sizes must be equal or one of them 1.
     *
     * @throws IllegalArgumentException naming the layer and the two incompatible shapes
     */
    protected Shape broadcastShapes(List<Shape> inputShapes) {
        long[] out = inputShapes.get(0).dims();
        for (int i = 1; i < inputShapes.size(); i++) {
            long[] next = inputShapes.get(i).dims();
            long[] longer = out.length >= next.length ? out : next;
            long[] shorter = longer == out ? next : out;
            long[] merged = longer.clone();
            int offset = longer.length - shorter.length;
            for (int a = 0; a < shorter.length; a++) {
                long p = longer[offset + a];
                long q = shorter[a];
                if (p == 1) {
                    merged[offset + a] = q;
                } else if (q != 1 && p != q) {
                    throw new IllegalArgumentException(describe() + " got inputs of incompatible shapes: input " + i
                            + " has shape " + inputShapes.get(i) + ", which does not broadcast with "
                            + Shape.of(out) + " (aligned on the last axis, each size must match or be 1); received"
                            + " input shapes " + inputShapes);
                }
            }
            out = merged;
        }
        return Shape.of(out);
    }
}
