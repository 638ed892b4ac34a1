package org.keras4j.internal.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.keras4j.Shape;

/**
 * How a Keras tensor sits inside DL4J: always one c-order buffer in Keras's element order,
 * viewed with DL4J's dims ({@code dims} excludes the batch). Moving between layouts is
 * therefore a reshape, never a permute.
 *
 * <pre>{@code
 * Layout.image(Shape.of(100, 8)).dims();   // [100, 1, 8]: a sequence as a one-pixel-wide NHWC image
 * }</pre>
 */
public final class Layout {
    /** DL4J's families of activations. */
    public enum Kind { FEED_FORWARD, CONVOLUTIONAL, RECURRENT }

    private final Kind kind;
    private final long[] dims;
    /** Time steps folded into DL4J's batch (TimeDistributed): each Keras sample is {@code fold} DL4J rows; 1 for none. */
    private final long fold;

    // package-private: ReshapePreprocessor rebuilds a layout from the fields it serializes
    Layout(Kind kind, long... dims) {
        this(1, kind, dims);
    }

    private Layout(long fold, Kind kind, long[] dims) {
        this.kind = kind;
        this.dims = dims;
        this.fold = fold;
    }

    /**
     * This layout with {@code steps} time steps folded into the batch: DL4J sees
     * {@code [batch * steps, dims]}, the same values in Keras's order (how TimeDistributed runs
     * its layer on every step).
     */
    public Layout folded(long steps) {
        return new Layout(steps, kind, dims);
    }

    /** The steps folded into the batch; 1 for none. */
    public long fold() {
        return fold;
    }

    /** {@code [features]}: what Dense and the output layers read. */
    public static Layout flat(Shape s) {
        return new Layout(Kind.FEED_FORWARD, s.size());
    }

    /**
     * NHWC {@code [h, w, c]} for images, {@code [steps, 1, c]} for sequences, and for higher
     * ranks {@code [n, 1, c]} with the leading axes merged: channels stay last either way.
     */
    public static Layout image(Shape s) {
        if (s.rank() == 3) {
            return new Layout(Kind.CONVOLUTIONAL, s.dims());
        }
        return new Layout(Kind.CONVOLUTIONAL, s.size() / s.last(), 1, s.last());
    }

    /** The layout of a model input as the user passes it: flat, NWC {@code [steps, c]}, NHWC, or flat beyond. */
    public static Layout natural(Shape s) {
        return switch (s.rank()) {
            case 2 -> new Layout(Kind.RECURRENT, s.dims());
            case 3 -> image(s);
            default -> flat(s);
        };
    }

    /**
     * The layout DL4J declares for an activation type.
     *
     * @throws IllegalStateException for channels-first types, which keras4j never builds
     */
    public static Layout of(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            if (c.getFormat() != CNN2DFormat.NHWC) {
                throw new IllegalStateException("internal: DL4J layer produces " + type + ", expected NHWC");
            }
            return new Layout(Kind.CONVOLUTIONAL, c.getHeight(), c.getWidth(), c.getChannels());
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            if (r.getFormat() != RNNFormat.NWC) {
                throw new IllegalStateException("internal: DL4J layer produces " + type + ", expected NWC");
            }
            return new Layout(Kind.RECURRENT, r.getTimeSeriesLength(), r.getSize());
        }
        return new Layout(Kind.FEED_FORWARD, type.arrayElementsPerExample());
    }

    public Kind kind() {
        return kind;
    }

    /** Dims without the batch. */
    public long[] dims() {
        return dims.clone();
    }

    /** Values per Keras sample (all folded steps). */
    public long size() {
        long n = fold;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** DL4J's {@link InputType} for this layout (of one DL4J row when folded). */
    public InputType inputType() {
        return switch (kind) {
            case FEED_FORWARD -> InputType.feedForward(dims[0]);
            case CONVOLUTIONAL -> InputType.convolutional(dims[0], dims[1], dims[2], CNN2DFormat.NHWC);
            case RECURRENT -> InputType.recurrent(dims[1], dims[0], RNNFormat.NWC);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout other && kind == other.kind && Arrays.equals(dims, other.dims) && fold == other.fold;
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Arrays.hashCode(dims)) * 31 + Long.hashCode(fold);
    }

    @Override
    public String toString() {
        return kind + Arrays.toString(dims) + (fold == 1 ? "" : " x" + fold + " steps");
    }
}
