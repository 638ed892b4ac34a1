package org.keras4j.engine;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches over in-memory arrays. Shuffling permutes the rows once per epoch (one copy), then
 * every batch is a contiguous view of the permuted arrays: no per-batch copy.
 *
 * <pre>{@code
 * BatchSource source = new ArrayBatches(x, y, null, 32);
 * }</pre>
 */
public final class ArrayBatches implements BatchSource {
    private final INDArray x;
    private final INDArray y;
    private final INDArray weights;
    private final int batchSize;

    /** @param weights per-sample weights {@code [n]} or null */
    public ArrayBatches(INDArray x, INDArray y, INDArray weights, int batchSize) {
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.batchSize = batchSize;
    }

    @Override
    public int steps() {
        return (int) ((x.size(0) + batchSize - 1) / batchSize);
    }

    @Override
    public long samples() {
        return x.size(0);
    }

    @Override
    public Iterable<Batch> epoch(boolean shuffle) {
        INDArray ex = x;
        INDArray ey = y;
        INDArray ew = weights;
        if (shuffle) {
            int[] perm = permutation((int) x.size(0));
            ex = rows(x, perm);
            ey = y == null ? null : rows(y, perm);
            ew = weights == null ? null : rows(weights.reshape(weights.length(), 1), perm);
        }
        INDArray fx = ex;
        INDArray fy = ey;
        INDArray fw = ew;
        long n = x.size(0);
        return () -> new Iterator<>() {
            private long start;

            @Override
            public boolean hasNext() {
                return start < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long end = Math.min(start + batchSize, n);
                Batch b = new Batch(slice(fx, start, end), fy == null ? null : slice(fy, start, end),
                        fw == null ? null : slice(fw, start, end));
                start = end;
                return b;
            }
        };
    }

    private static int[] permutation(int n) {
        // one draw from ND4J's global generator per epoch: a checkpoint of that generator's state
        // makes a resumed fit shuffle exactly as the uninterrupted one
        Random random = new Random(Nd4j.getRandom().nextLong());
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The rows of {@code a} (any rank) in the order {@code perm}, as a new C-order array. */
    static INDArray rows(INDArray a, int[] perm) {
        long n = a.size(0);
        INDArray flat = a.reshape('c', n, a.length() / n);
        INDArray pulled = Nd4j.pullRows(flat, 1, perm, 'c');
        return pulled.reshape('c', a.shape());
    }

    /** Rows [start, end) of {@code a} (any rank), a view when {@code a} is C-ordered. */
    public static INDArray rowRange(INDArray a, long start, long end) {
        return slice(a, start, end);
    }

    /** Rows [start, end) of {@code a}, a view when {@code a} is C-ordered. */
    static INDArray slice(INDArray a, long start, long end) {
        if (a.rank() == 1) {
            return a.get(NDArrayIndex.interval(start, end));
        }
        org.nd4j.linalg.indexing.INDArrayIndex[] indices = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        indices[0] = NDArrayIndex.interval(start, end);
        for (int i = 1; i < indices.length; i++) {
            indices[i] = NDArrayIndex.all();
        }
        return a.get(indices);
    }
}
