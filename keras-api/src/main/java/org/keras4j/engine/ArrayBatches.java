package org.keras4j.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches over in-memory arrays. Unshuffled, every batch is a contiguous view of the arrays;
 * shuffled, the rows of several batches at a time are gathered into a buffer reused for the
 * whole fit, and each batch is a view of it; shuffled FLOAT arrays that fit in one such chunk are
 * gathered on the JVM into reused batch arrays instead ({@link HostGather}).
 *
 * <pre>{@code
 * BatchSource source = new ArrayBatches(x, y, null, 32);
 * }</pre>
 */
public final class ArrayBatches implements BatchSource {
    /** Bytes of features gathered at once when shuffling. */
    static final long CHUNK_BYTES = 16L << 20;

    private final List<INDArray> xs;
    private final List<INDArray> ys;
    private final INDArray weights;
    private final int batchSize;
    private final long chunkBytes;
    /** One reusable gather buffer per array: the inputs, the outputs, then the weights. */
    private final Gather[] gathers;
    /** The same for arrays gathered on the JVM. */
    private final HostGather[] hostGathers;

    /** @param weights per-sample weights {@code [n]} or null */
    public ArrayBatches(INDArray x, INDArray y, INDArray weights, int batchSize) {
        this(List.of(x), y == null ? List.of() : List.of(y), weights, batchSize, CHUNK_BYTES);
    }

    /**
     * Batches over one array per model input and per output, all with the same number of rows.
     *
     * @param weights per-sample weights {@code [n]} or null
     */
    public ArrayBatches(List<INDArray> xs, List<INDArray> ys, INDArray weights, int batchSize) {
        this(xs, ys, weights, batchSize, CHUNK_BYTES);
    }

    /** @param chunkBytes bytes of features gathered at once when shuffling */
    ArrayBatches(INDArray x, INDArray y, INDArray weights, int batchSize, long chunkBytes) {
        this(List.of(x), y == null ? List.of() : List.of(y), weights, batchSize, chunkBytes);
    }

    private ArrayBatches(List<INDArray> xs, List<INDArray> ys, INDArray weights, int batchSize, long chunkBytes) {
        this.xs = List.copyOf(xs);
        this.ys = List.copyOf(ys);
        this.weights = weights;
        this.batchSize = batchSize;
        this.chunkBytes = chunkBytes;
        this.gathers = new Gather[xs.size() + ys.size() + 1];
        this.hostGathers = new HostGather[gathers.length];
    }

    @Override
    public int steps() {
        return (int) ((rows() + batchSize - 1) / batchSize);
    }

    @Override
    public long samples() {
        return rows();
    }

    private long rows() {
        return xs.get(0).size(0);
    }

    @Override
    public Iterable<Batch> epoch(boolean shuffle) {
        long n = rows();
        int[] perm = shuffle ? permutation((int) n) : null;
        int chunk = shuffle ? chunkRows() : 0;
        List<INDArray> arrays = new ArrayList<>(xs);
        arrays.addAll(ys);
        if (weights != null) {
            arrays.add(weights);
        }
        if (shuffle && HostGather.takes(arrays, chunkBytes)) {
            return hostEpoch(arrays, perm);
        }
        Gather[] pulled = new Gather[arrays.size()];
        for (int i = 0; shuffle && i < pulled.length; i++) {
            pulled[i] = gather(arrays.get(i), i, chunk);
        }
        return () -> new Iterator<>() {
            private long start;
            private long chunkStart;
            private long chunkEnd;

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
                INDArray[] parts = new INDArray[arrays.size()];
                if (perm == null) {
                    for (int i = 0; i < parts.length; i++) {
                        parts[i] = slice(arrays.get(i), start, end);
                    }
                } else {
                    if (start >= chunkEnd) {
                        chunkStart = start;
                        chunkEnd = Math.min(start + chunk, n);
                        int[] rows = java.util.Arrays.copyOfRange(perm, (int) chunkStart, (int) chunkEnd);
                        for (Gather g : pulled) {
                            g.pull(rows);
                        }
                    }
                    for (int i = 0; i < parts.length; i++) {
                        parts[i] = pulled[i].rows(start - chunkStart, end - chunkStart);
                    }
                }
                start = end;
                return batch(parts);
            }
        };
    }

    /** A shuffled epoch of arrays {@link HostGather} takes: each batch's rows copied on the JVM. */
    private Iterable<Batch> hostEpoch(List<INDArray> arrays, int[] perm) {
        HostGather[] hosts = new HostGather[arrays.size()];
        for (int i = 0; i < hosts.length; i++) {
            if (hostGathers[i] == null || hostGathers[i].source() != arrays.get(i)) {
                hostGathers[i] = new HostGather(arrays.get(i));
            }
            hosts[i] = hostGathers[i];
            hosts[i].refresh();
        }
        int n = perm.length;
        return () -> new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(start + batchSize, n);
                INDArray[] parts = new INDArray[hosts.length];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = hosts[i].rows(perm, start, end);
                }
                start = end;
                return batch(parts);
            }
        };
    }

    /** The batch of one array per input, per output, then the weights if any. */
    private Batch batch(INDArray[] parts) {
        int nx = xs.size();
        int ny = ys.size();
        List<INDArray> all = java.util.Arrays.asList(parts);
        return new Batch(all.subList(0, nx), all.subList(nx, nx + ny), weights == null ? null : parts[nx + ny]);
    }

    /**
     * Rows gathered per copy when shuffling: whole batches, as many as fit in
     * {@code chunkBytes} of features (at least one). One gather per batch cost a native call
     * each, a tenth of a small network's step; one gather of the whole data set would double
     * the memory a large one takes.
     */
    private int chunkRows() {
        long n = rows();
        long rowBytes = 0;
        for (INDArray x : xs) {
            rowBytes += x.length() / n * x.dataType().width();
        }
        rowBytes = Math.max(1, rowBytes);
        long batches = Math.max(1, chunkBytes / (rowBytes * batchSize));
        return (int) Math.min(n, batches * batchSize);
    }

    /**
     * Copies shuffled rows into a buffer reused by every chunk of the fit: no full copy of the
     * data per epoch, and no fresh (page-faulting) allocation per chunk. A batch's arrays are
     * views of the buffer, valid until the next batch is drawn, which is all the training loop
     * needs.
     */
    private Gather gather(INDArray a, int slot, int rows) {
        if (gathers[slot] == null || gathers[slot].source != a || gathers[slot].buffer.size(0) != rows) {
            gathers[slot] = new Gather(a, rows);
        }
        return gathers[slot];
    }

    private static final class Gather {
        private final INDArray source;
        private final INDArray flat;
        private final long[] sampleShape;
        private final INDArray buffer;

        Gather(INDArray source, int rows) {
            this.source = source;
            long n = source.size(0);
            this.flat = source.reshape('c', n, source.length() / n);
            this.sampleShape = java.util.Arrays.copyOfRange(source.shape(), 1, source.rank());
            this.buffer = Nd4j.create(source.dataType(), new long[] {rows, flat.size(1)}, 'c');
        }

        /** Gathers {@code rows} of the source into the first rows of the buffer. */
        void pull(int[] rows) {
            INDArray dst = rows.length == buffer.size(0) ? buffer : slice(buffer, 0, rows.length);
            Nd4j.pullRows(flat, dst, 1, rows);
        }

        /** Rows {@code [from, to)} of the buffer, in the source's sample shape. */
        INDArray rows(long from, long to) {
            INDArray dst = from == 0 && to == buffer.size(0) ? buffer : slice(buffer, from, to);
            long[] shape = new long[sampleShape.length + 1];
            shape[0] = to - from;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            return shape.length == 2 ? dst : dst.reshape('c', shape);
        }
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
