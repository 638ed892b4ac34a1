package org.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArrayBatchesTest {
    private static final int N = 23;

    /** Sample i is an image [2, 3, 1] of 1000 i + j, its label [i, -i], its weight i / 100. */
    private static INDArray images() {
        INDArray x = Nd4j.create(DataType.FLOAT, N, 2, 3, 1);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 6; j++) {
                x.putScalar(new long[] {i, j / 3, j % 3, 0}, 1000 * i + j);
            }
        }
        return x;
    }

    private static INDArray labels() {
        INDArray y = Nd4j.create(DataType.FLOAT, N, 2);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, 0, i);
            y.putScalar(i, 1, -i);
        }
        return y;
    }

    private static INDArray weights() {
        return Nd4j.arange(N).castTo(DataType.FLOAT).divi(100);
    }

    /** The sample index of every batch row, checking that x, y and the weight of each row belong together. */
    private static List<Integer> samplesOf(Iterable<Batch> epoch, int batchSize, List<Long> sizes) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : epoch) {
            sizes.add(b.size());
            assertArrayEquals(new long[] {b.size(), 2, 3, 1}, b.x().shape());
            assertArrayEquals(new long[] {b.size(), 2}, b.y().shape());
            for (int r = 0; r < b.size(); r++) {
                int i = (int) b.y().getFloat(r, 0);
                for (int j = 0; j < 6; j++) {
                    assertEquals(1000 * i + j, b.x().getFloat(r, j / 3, j % 3, 0), "x of sample " + i);
                }
                assertEquals(-i, b.y().getFloat(r, 1));
                assertEquals(i / 100f, b.sampleWeight().getFloat(r), 1e-6f);
                seen.add(i);
            }
        }
        return seen;
    }

    @Test
    void shuffledEpoch_gatheredInSeveralChunks_yieldsEverySampleOnceWithItsLabelAndWeight() {
        // 24 bytes per sample, batches of 4, 100 bytes per chunk: one batch per chunk
        for (long chunkBytes : new long[] {100, 200, 1 << 20}) {
            ArrayBatches source = new ArrayBatches(images(), labels(), weights(), 4, chunkBytes);
            List<Long> sizes = new ArrayList<>();
            List<Integer> seen = samplesOf(source.epoch(true), 4, sizes);
            assertEquals(List.of(4L, 4L, 4L, 4L, 4L, 3L), sizes, "chunk " + chunkBytes);
            List<Integer> sorted = new ArrayList<>(seen);
            sorted.sort(null);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                all.add(i);
            }
            assertEquals(all, sorted, "each sample exactly once, chunk " + chunkBytes);
            assertNotEquals(all, seen, "shuffled, chunk " + chunkBytes);
        }
    }

    @Test
    void sameSeed_sameOrder_whateverTheChunkSize() {
        List<List<Integer>> orders = new ArrayList<>();
        for (long chunkBytes : new long[] {100, 1 << 20}) {
            Nd4j.getRandom().setSeed(7);
            orders.add(samplesOf(new ArrayBatches(images(), labels(), weights(), 4, chunkBytes).epoch(true), 4,
                    new ArrayList<>()));
        }
        assertEquals(orders.get(0), orders.get(1));
    }

    @Test
    void shuffledSmallFloatArrays_gatheredOnTheJvm_intoReusedBatchArrays() {
        ArrayBatches source = new ArrayBatches(images(), labels(), weights(), 4, 1 << 20);
        List<INDArray> xs = new ArrayList<>();
        for (Batch b : source.epoch(true)) {
            xs.add(b.x());
        }
        assertSame(xs.get(0), xs.get(1), "the full batches share one array");
        assertNotSame(xs.get(0), xs.get(xs.size() - 1), "the last, smaller batch has its own");
        // each epoch reads the source again
        INDArray x = Nd4j.zeros(DataType.FLOAT, N, 2, 3, 1);
        ArrayBatches again = new ArrayBatches(x, labels(), weights(), 4, 1 << 20);
        again.epoch(true).forEach(b -> assertEquals(0.0, b.x().sumNumber().doubleValue()));
        x.assign(images());
        assertEquals(List.of(4L, 4L, 4L, 4L, 4L, 3L), sizesOf(again.epoch(true)));
    }

    @Test
    void shuffledNonFloatArrays_gatheredByNd4j() {
        INDArray doubleWeights = weights().castTo(DataType.DOUBLE);
        ArrayBatches source = new ArrayBatches(images(), labels(), doubleWeights, 4, 1 << 20);
        List<Integer> seen = samplesOf(source.epoch(true), 4, new ArrayList<>());
        seen.sort(null);
        for (int i = 0; i < N; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    private static List<Long> sizesOf(Iterable<Batch> epoch) {
        List<Long> sizes = new ArrayList<>();
        samplesOf(epoch, 4, sizes);
        return sizes;
    }

    @Test
    void unshuffledEpoch_isInOrder() {
        List<Integer> seen = samplesOf(new ArrayBatches(images(), labels(), weights(), 5).epoch(false), 5,
                new ArrayList<>());
        for (int i = 0; i < N; i++) {
            assertEquals(i, seen.get(i));
        }
    }
}
