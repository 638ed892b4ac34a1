package org.keras4j.engine;

import java.util.Arrays;
import java.util.function.Supplier;
import org.keras4j.Shape;
import org.keras4j.internal.HostArrays;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Checks the data given to {@code fit}, {@code evaluate} and {@code predict} before anything
 * runs, and brings labels to the {@code [n, width]} form the network trains on. Every failure
 * is one {@link IllegalArgumentException} naming the argument, the expected and the actual
 * shape or value, in Keras's terms.
 *
 * <pre>{@code
 * DataChecks.features("x", x, model.inputShape(), "Dense 'dense'");
 * INDArray labels = DataChecks.labels("y", y, x.size(0), loss, outputShape, "Dense 'dense_1'");
 * }</pre>
 */
public final class DataChecks {
    /** Arrays up to this many values are checked in Java. */
    private static final long SMALL = 256;
    /** FLOAT arrays up to this many values are copied to the heap in one piece and checked there. */
    private static final long HOST_READ = 1 << 16;

    private DataChecks() {
    }

    /** Checks that {@code x} is a non-empty batch of samples of {@code inputShape} with no NaN or infinity. */
    public static void features(String argument, INDArray x, Shape inputShape, String firstLayer) {
        features(argument, x, inputShape, () -> firstLayer);
    }

    /**
     * As {@link #features(String, INDArray, Shape, String)}, describing the first layer only for
     * an error message: a tiny {@code predict} should not format a layer's description every call.
     */
    public static void features(String argument, INDArray x, Shape inputShape, Supplier<String> firstLayer) {
        if (x == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (x.isEmpty() || x.rank() == 0 || x.size(0) == 0) {
            throw new IllegalArgumentException(argument + " is empty (shape " + Arrays.toString(x.shape())
                    + "): expected at least one sample of shape " + inputShape);
        }
        Shape sample = x.rank() == 1 ? Shape.of(1) : Shape.ofSample(x.shape());
        if (!sample.equals(inputShape)) {
            String hint = sample.size() == inputShape.size()
                    ? ": reshape it to " + Arrays.toString(inputShape.withBatch(x.size(0)))
                    : "";
            throw new IllegalArgumentException("Input " + argument + " is incompatible with " + firstLayer.get()
                    + ": expected shape " + inputShape + ", got " + Arrays.toString(x.shape()) + hint);
        }
        finite(argument, x);
    }

    /** Fails if {@code a} holds NaN or infinite values. */
    public static void finite(String argument, INDArray a) {
        if (!a.dataType().isFPType()) {
            return;
        }
        if (a.dataType() == DataType.FLOAT && a.length() <= HOST_READ) {
            // one bulk copy to the heap: cheaper than a native reduction or reading values one by one
            if (allFinite(HostArrays.readFloats(a, null))) {
                return;
            }
        } else if (a.length() <= SMALL) {
            // a tiny batch: reading it costs less than launching a native reduction
            boolean finite = true;
            for (long i = 0, n = a.length(); i < n && finite; i++) {
                finite = Double.isFinite(a.getDouble(i));
            }
            if (finite) {
                return;
            }
        } else if (Double.isFinite(a.sumNumber().doubleValue())) {
            // one cheap reduction: the sum is finite unless a value is NaN or infinite (or the sum overflows)
            return;
        }
        if (BooleanIndexing.or(a, Conditions.isNan())) {
            throw new IllegalArgumentException(argument + " contains NaN values; clean or impute them before training");
        }
        if (BooleanIndexing.or(a, Conditions.isInfinite())) {
            throw new IllegalArgumentException(argument + " contains infinite values; clean or rescale them before training");
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Validates labels against the model's output and returns them as {@code [n, width]} floats.
     *
     * @param samples the number of input samples the labels must match
     */
    public static INDArray labels(String argument, INDArray y, long samples, Loss loss, Shape outputShape,
                                  String outputLayer) {
        return labels(argument, y, samples, 0, loss, outputShape, outputLayer);
    }

    /**
     * As {@link #labels(String, INDArray, long, Loss, Shape, String)} for one batch of a larger data
     * set: errors name a sample by its index in the whole data set.
     *
     * @param firstSample the index, in the whole data set, of the batch's first sample
     */
    public static INDArray labels(String argument, INDArray y, long samples, long firstSample, Loss loss,
                                  Shape outputShape, String outputLayer) {
        if (y == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (y.isEmpty() || y.rank() == 0) {
            throw new IllegalArgumentException(argument + " is empty (shape " + Arrays.toString(y.shape()) + ")");
        }
        if (y.size(0) != samples) {
            throw new IllegalArgumentException(argument + " has " + y.size(0) + " samples but x has " + samples
                    + ": they must have the same first dimension");
        }
        INDArray labels = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
        long width = labels.length() / samples;
        if (labels.rank() > 2) {
            labels = labels.reshape('c', samples, width);
        }
        long units = outputShape.size();
        if (loss.sparseLabels()) {
            // one class index per position of the output's last axis, as Keras: [n] for vectors, [n, steps] for sequences
            long positions = units / outputShape.last();
            if (width != positions) {
                String expected = positions == 1 ? "[" + samples + "] or [" + samples + ", 1]"
                        : Arrays.toString(indexShape(outputShape, samples)) + " (or with a trailing 1)";
                throw new IllegalArgumentException(argument + " has shape " + Arrays.toString(y.shape()) + " but "
                        + loss.identifier() + " expects class indices of shape " + expected
                        + ": use categorical_crossentropy for one-hot labels");
            }
        } else if (width != units) {
            String hint = width == 1 && units > 1
                    ? ": one-hot encode them (Categorical.toCategorical(y, " + units + ")) or use sparse_categorical_crossentropy"
                    : "";
            throw new IllegalArgumentException(argument + " has shape " + Arrays.toString(y.shape()) + " but the model's output "
                    + outputLayer + " has shape " + outputShape + hint);
        }
        finite(argument, labels);
        if (loss.sparseLabels()) {
            classIndices(argument, labels, firstSample, loss, outputShape.last(), outputLayer);
        }
        return labels.dataType() == DataType.FLOAT ? labels : labels.castTo(DataType.FLOAT);
    }

    /**
     * Fails on the first label that is not an integer in {@code [0, classes)}: a fractional index
     * would otherwise train silently (the loss reads it as a class) or fail only in a metric,
     * after the step has changed the weights.
     */
    private static void classIndices(String argument, INDArray labels, long firstSample, Loss loss, long classes,
                                     String outputLayer) {
        long positions = labels.size(1);
        // one copy to a Java array: per-element reads from a native buffer cost more than the copy
        double[] values = Nd4j.toFlattened('c', labels).toDoubleVector();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v >= 0 && v < classes && v == Math.rint(v)) {
                continue;
            }
            long sample = firstSample + i / positions;
            String where = "sample " + sample + (positions == 1 ? "" : ", position " + i % positions);
            throw new IllegalArgumentException("Invalid class index in " + argument + ": " + value(v, labels.dataType())
                    + " at " + where + "; " + loss.identifier() + " expects an integer from 0 to " + (classes - 1)
                    + " (" + outputLayer + " has " + classes + " units)");
        }
    }

    /** A label as the user wrote it: {@code 3}, {@code 1.7} for a float 1.7 (not its double expansion). */
    private static String value(double v, DataType type) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return type == DataType.DOUBLE ? Double.toString(v) : Float.toString((float) v);
    }

    /** {@code [samples, leading axes of the output]}: the shape of sparse labels for a rank > 1 output. */
    private static long[] indexShape(Shape outputShape, long samples) {
        long[] dims = outputShape.withBatch(samples);
        return Arrays.copyOf(dims, dims.length - 1);
    }
}
