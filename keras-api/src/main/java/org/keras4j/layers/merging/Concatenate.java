package org.keras4j.layers.merging;

import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.utils.Configs;

/**
 * Concatenates a list of tensors along one axis, as Keras's {@code Concatenate}: the inputs must
 * have the same rank and the same sizes on every other axis.
 *
 * <p>{@code axis} (default -1, the last) counts the batch as axis 0, as in Keras: axis 1 is the
 * first axis of a sample and -1 the last. Concatenating along the batch (axis 0) is refused.
 * {@code (None, 4, 5)} and {@code (None, 4, 3)} give {@code (None, 4, 8)}; with {@code axis=1},
 * {@code (None, 4, 5)} and {@code (None, 2, 5)} give {@code (None, 6, 5)}.
 *
 * <pre>{@code
 * KerasTensor both = new Concatenate().apply(left, right);
 * KerasTensor stacked = new Concatenate(1).apply(a, b);
 * }</pre>
 */
public final class Concatenate extends Merge {
    private final int axis;

    /** Concatenates along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /**
     * @throws IllegalArgumentException if {@code axis} is 0, the batch axis
     */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Concatenate axis must not be 0, the batch axis: keras4j concatenates"
                    + " along a sample axis (1 is the first, -1 the last), got axis=0");
        }
        this.axis = axis;
    }

    public static Concatenate fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Concatenate(Configs.getInt(cfg, "axis", -1)), cfg);
    }

    /** The {@code axis} argument, counting the batch as axis 0. */
    public int axis() {
        return axis;
    }

    /**
     * The axis of a sample (batch excluded, 0-based) this layer concatenates along, for inputs of
     * sample rank {@code rank}: {@code axis=-1} on {@code (None, 4, 5)} is sample axis 1.
     *
     * @throws IllegalArgumentException if {@code axis} is out of range or names the batch
     */
    public int sampleAxis(int rank) {
        int full = axis < 0 ? axis + rank + 1 : axis;
        if (full == 0) {
            throw new IllegalArgumentException(describe() + " axis " + axis + " is the batch axis of inputs of rank "
                    + (rank + 1) + " (batch included): concatenate along an axis in [1, " + rank + "] or [-" + rank
                    + ", -1]");
        }
        if (full < 0 || full > rank) {
            throw new IllegalArgumentException(describe() + " axis " + axis + " is out of range for inputs of rank "
                    + (rank + 1) + " (batch included): expected an axis in [1, " + rank + "] or [-" + rank + ", -1]");
        }
        return full - 1;
    }

    /**
     * @throws IllegalArgumentException if there are fewer than two inputs, the axis is out of range,
     *     or the shapes differ in rank or on an axis other than {@code axis}
     */
    @Override
    public Shape computeOutputShape(List<Shape> inputShapes) {
        requireAtLeastTwo(inputShapes);
        int rank = inputShapes.get(0).rank();
        for (Shape s : inputShapes) {
            if (s.rank() != rank) {
                throw mismatch(inputShapes, " (all inputs must have the same rank)");
            }
        }
        int a = sampleAxis(rank);
        long[] out = inputShapes.get(0).dims();
        for (int i = 1; i < inputShapes.size(); i++) {
            long[] dims = inputShapes.get(i).dims();
            for (int d = 0; d < rank; d++) {
                if (d != a && dims[d] != out[d]) {
                    throw mismatch(inputShapes, "");
                }
            }
            out[a] += dims[a];
        }
        return Shape.of(out);
    }

    private IllegalArgumentException mismatch(List<Shape> inputShapes, String why) {
        return new IllegalArgumentException(describe() + " requires inputs with matching shapes except for the"
                + " concatenation axis " + axis + why + "; received input shapes " + inputShapes);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("axis", axis);
    }
}
