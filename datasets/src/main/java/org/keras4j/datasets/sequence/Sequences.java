package org.keras4j.datasets.sequence;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's sequence utilities: {@link #padSequences} (Keras's {@code keras.utils.pad_sequences}) and the conversion
 * of padded indices to the float array {@code fit} takes.
 *
 * <pre>{@code
 * int[][] x = Sequences.padSequences(List.of(new int[] {1}, new int[] {2, 3}, new int[] {4, 5, 6}));
 * // [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
 * int[][] y = Sequences.padSequences(sequences, Padding.defaults().maxlen(2).padding("post"));
 * }</pre>
 */
public final class Sequences {

    private Sequences() {
    }

    /** {@link #padSequences(List, Padding)} with Keras's defaults: to the longest sequence, padded before, with 0. */
    public static int[][] padSequences(List<int[]> sequences) {
        return padSequences(sequences, Padding.defaults());
    }

    /**
     * Pads (or truncates) every sequence to one length, as Keras's {@code pad_sequences}: the length is
     * {@code options.maxlen()}, or the longest sequence's when none is set; shorter sequences get
     * {@code options.value()} before ({@code "pre"}) or after ({@code "post"}) them; longer ones lose values at the
     * start ({@code truncating="pre"}) or the end ({@code "post"}). Empty sequences are all padding.
     *
     * @return {@code [sequences.size(), length]}
     * @throws IllegalArgumentException if {@code sequences} or one of them is null
     */
    public static int[][] padSequences(List<int[]> sequences, Padding options) {
        if (sequences == null) {
            throw new IllegalArgumentException("sequences must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        int longest = 0;
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            if (s == null) {
                throw new IllegalArgumentException("sequence " + i + " is null");
            }
            longest = Math.max(longest, s.length);
        }
        int length = options.maxlen() >= 0 ? options.maxlen() : longest;
        int[][] out = new int[sequences.size()][length];
        for (int i = 0; i < out.length; i++) {
            int[] s = sequences.get(i);
            int kept = Math.min(s.length, length);
            int from = options.truncateBefore() ? s.length - kept : 0;
            int to = options.padBefore() ? length - kept : 0;
            java.util.Arrays.fill(out[i], options.value());
            System.arraycopy(s, from, out[i], to, kept);
        }
        return out;
    }

    /**
     * Indices as a float32 array {@code [n, length]}, the layout {@code fit} takes for an {@code Embedding} input.
     *
     * @throws IllegalArgumentException if the rows have different lengths
     */
    public static INDArray toArray(int[][] indices) {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        int length = indices.length == 0 ? 0 : indices[0].length;
        float[] flat = new float[indices.length * length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i].length != length) {
                throw new IllegalArgumentException("every row must have the length of row 0 (" + length + "), row "
                        + i + " has " + indices[i].length + ": pad them first with padSequences");
            }
            for (int j = 0; j < length; j++) {
                flat[i * length + j] = indices[i][j];
            }
        }
        return Nd4j.create(flat, new long[] {indices.length, length}, 'c').castTo(DataType.FLOAT);
    }
}
