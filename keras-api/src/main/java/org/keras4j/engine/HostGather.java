package org.keras4j.engine;

import java.util.Arrays;
import java.util.List;
import org.keras4j.internal.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shuffled batches of a small FLOAT array gathered on the JVM: the array is read once per epoch
 * into a {@code float[]}, each batch's rows are copied from it into a reused batch array with one
 * bulk write. A gathered ND4J batch costs two native views per array and step (a native
 * allocation, a shape buffer and a deallocator registration each), more than a small network's
 * whole training step; this costs one copy of a few hundred bytes. A batch array is rewritten by
 * the next batch of the same size, the contract of {@link ArrayBatches}'s shuffled batches.
 *
 * <pre>{@code
 * HostGather g = new HostGather(x);
 * g.refresh();                               // once per epoch: reads x
 * INDArray batch = g.rows(permutation, 0, 32);
 * }</pre>
 */
final class HostGather {
    private final INDArray source;
    private final int width;
    private final long[] sampleShape;
    private float[] values;
    /** The reused batch arrays, by row count: the full batches' and the last, smaller one's. */
    private final Slot[] slots = new Slot[2];

    /** A batch size's host rows, its array {@code [rows, width]} and that array in the sample shape (a view). */
    private record Slot(int rows, float[] values, INDArray flat, INDArray array) {
    }

    HostGather(INDArray source) {
        this.source = source;
        long n = source.size(0);
        this.width = Math.toIntExact(source.length() / n);
        this.sampleShape = Arrays.copyOfRange(source.shape(), 1, source.rank());
    }

    /**
     * True when every array is FLOAT and together they hold at most {@code maxBytes}: the ones
     * whose host copy is cheap enough to hold for the whole fit.
     */
    static boolean takes(List<INDArray> arrays, long maxBytes) {
        long bytes = 0;
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.rank() == 0 || a.size(0) == 0 || a.length() >= Integer.MAX_VALUE) {
                return false;
            }
            bytes += a.length() * Float.BYTES;
        }
        return bytes <= maxBytes;
    }

    INDArray source() {
        return source;
    }

    /** Reads the source's current values. */
    void refresh() {
        values = HostArrays.readFloats(source, values);
    }

    /** The rows {@code permutation[from, to)} of the source, in its sample shape, in a reused array. */
    INDArray rows(int[] permutation, int from, int to) {
        Slot slot = slot(to - from);
        float[] out = slot.values();
        for (int r = from; r < to; r++) {
            System.arraycopy(values, permutation[r] * width, out, (r - from) * width, width);
        }
        HostArrays.write(out, slot.flat());
        return slot.array();
    }

    private Slot slot(int rows) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].rows() == rows) {
                return slots[i];
            }
        }
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        INDArray flat = Nd4j.create(DataType.FLOAT, new long[] {rows, width}, 'c');
        Slot made = new Slot(rows, new float[rows * width], flat, shape.length == 2 ? flat : flat.reshape('c', shape));
        // the first size asked for is the full batch's; the second slot takes the last batch's
        slots[slots[0] == null ? 0 : 1] = made;
        return made;
    }
}
