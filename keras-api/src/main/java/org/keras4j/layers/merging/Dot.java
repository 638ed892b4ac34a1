package org.keras4j.layers.merging;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.utils.Configs;

/**
 * The dot product of two tensors along one axis of each, per sample, as Keras's {@code Dot}.
 *
 * <p>{@code axes} is one axis for both inputs or a pair (one per input); the batch counts as
 * axis 0, as in Keras, so {@code axes=1} is the first sample axis and {@code -1} the last; the
 * batch itself is refused. The two axes must have the same size. The output has the remaining
 * axes of the first input followed by those of the second (a per-sample {@code tensordot});
 * if none remain it is {@code (None, 1)}. With {@code normalize} (default false) both inputs are
 * first L2-normalized along their dot axis ({@code x / max(‖x‖, 1e-7)}), so the result is the
 * cosine similarity. {@code (None, 8)} and {@code (None, 8)} with {@code axes=1} give
 * {@code (None, 1)}; {@code (None, 3, 5)} and {@code (None, 4, 5)} with {@code axes=2} give
 * {@code (None, 3, 4)}.
 *
 * <pre>{@code
 * KerasTensor similarity = new Dot(1, true).apply(a, b);          // cosine similarity of two vectors
 * KerasTensor scores = new Dot(new int[] {2, 2}).apply(query, key); // (None, tq, d), (None, tk, d) -> (None, tq, tk)
 * }</pre>
 */
public final class Dot extends Merge {
    /** One axis (Keras's int form) or two. */
    private final int[] axes;
    private final boolean normalize;

    /** The dot product along {@code axes} of both inputs, without normalization. */
    public Dot(int axes) {
        this(axes, false);
    }

    /** @throws IllegalArgumentException if {@code axes} is 0, the batch axis */
    public Dot(int axes, boolean normalize) {
        this(new int[] {axes}, normalize, true);
    }

    /** The dot product along {@code axes[0]} of the first input and {@code axes[1]} of the second. */
    public Dot(int[] axes) {
        this(axes, false);
    }

    /**
     * @throws IllegalArgumentException if {@code axes} is not a pair or includes 0, the batch axis
     */
    public Dot(int[] axes, boolean normalize) {
        this(axes, normalize, false);
    }

    private Dot(int[] axes, boolean normalize, boolean single) {
        if (axes == null || axes.length != (single ? 1 : 2)) {
            throw new IllegalArgumentException("Dot axes must be a pair of integers (one axis per input), got "
                    + (axes == null ? "null" : Arrays.toString(axes)));
        }
        for (int a : axes) {
            if (a == 0) {
                throw new IllegalArgumentException("Dot axes must not include 0, the batch axis: the dot product is"
                        + " taken per sample (1 is the first sample axis, -1 the last), got axes="
                        + (single ? Integer.toString(axes[0]) : Arrays.toString(axes)));
            }
        }
        this.axes = axes.clone();
        this.normalize = normalize;
    }

    /**
     * Rebuilds a Dot from Keras's config: {@code axes} an integer or a pair, {@code normalize}.
     *
     * @throws IllegalArgumentException if {@code axes} is missing or neither an integer nor a pair
     */
    public static Dot fromConfig(Map<String, Object> cfg) {
        Object saved = cfg.get("axes");
        int[] axes = Configs.toIntArray("axes", saved);
        boolean normalize = Configs.getBoolean(cfg, "normalize", false);
        Dot dot = saved instanceof Number ? new Dot(axes[0], normalize) : new Dot(axes, normalize);
        return withSavedName(dot, cfg);
    }

    /** The {@code axes} argument for the two inputs, counting the batch as axis 0: {@code [a, a]} for one int. */
    public int[] axes() {
        return axes.length == 1 ? new int[] {axes[0], axes[0]} : axes.clone();
    }

    /** Whether the inputs are L2-normalized along their dot axes first (cosine similarity). */
    public boolean normalize() {
        return normalize;
    }

    /**
     * The dot axes of these two sample shapes (batch excluded, 0-based): {@code axes=-1} on
     * {@code (None, 3, 5)} and {@code (None, 4, 5)} is {@code [1, 1]}.
     *
     * @throws IllegalArgumentException if an axis is out of range for its input
     */
    public int[] sampleAxes(Shape first, Shape second) {
        int[] both = axes();
        return new int[] {sampleAxis(both[0], first, 0), sampleAxis(both[1], second, 1)};
    }

    private int sampleAxis(int axis, Shape shape, int input) {
        int full = axis < 0 ? axis + shape.rank() + 1 : axis;
        if (full == 0) {
            throw new IllegalArgumentException(describe() + " axis " + axis + " is the batch axis of input " + input
                    + " of shape " + shape + ": the dot product is taken per sample, use an axis in [1, "
                    + shape.rank() + "] or [-" + shape.rank() + ", -1]");
        }
        if (full < 0 || full > shape.rank()) {
            throw new IllegalArgumentException(describe() + " axis " + axis + " is out of range for input " + input
                    + " of shape " + shape + ": expected an axis in [1, " + shape.rank() + "] or [-" + shape.rank()
                    + ", -1]");
        }
        return full - 1;
    }

    /**
     * @throws IllegalArgumentException if not called on exactly two tensors, an axis is out of
     *     range, or the sizes of the two dot axes differ
     */
    @Override
    public Shape computeOutputShape(List<Shape> inputShapes) {
        requireExactlyTwo(inputShapes);
        Shape first = inputShapes.get(0);
        Shape second = inputShapes.get(1);
        int[] a = sampleAxes(first, second);
        if (first.get(a[0]) != second.get(a[1])) {
            throw new IllegalArgumentException(describe() + " got incompatible input shapes: axis values "
                    + first.get(a[0]) + " (at axis " + (a[0] + 1) + " of input 0) != " + second.get(a[1])
                    + " (at axis " + (a[1] + 1) + " of input 1); received input shapes " + first + " and " + second);
        }
        long[] out = new long[first.rank() + second.rank() - 2];
        int k = 0;
        for (int d = 0; d < first.rank(); d++) {
            if (d != a[0]) {
                out[k++] = first.get(d);
            }
        }
        for (int d = 0; d < second.rank(); d++) {
            if (d != a[1]) {
                out[k++] = second.get(d);
            }
        }
        return out.length == 0 ? Shape.of(1) : Shape.of(out);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Object saved = axes.length == 1 ? (Object) axes[0] : List.of(axes[0], axes[1]);
        return Map.of("axes", saved, "normalize", normalize);
    }
}
