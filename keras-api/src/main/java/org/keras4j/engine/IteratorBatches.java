package org.keras4j.engine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Batches from a DL4J {@link DataSetIterator} (one input, one output) or
 * {@link MultiDataSetIterator} (arrays per input and output), reset at each epoch; the iterator
 * decides batch size and order. Each batch passes through {@code prepare} (checks and reshaping)
 * as it is drawn, before the step that trains on it: checking the whole data set first would load
 * it all.
 *
 * <pre>{@code
 * BatchSource source = new IteratorBatches(iterator, (batch, firstSample) -> batch);
 * }</pre>
 */
public final class IteratorBatches implements BatchSource {
    private final Runnable reset;
    private final java.util.function.BooleanSupplier hasNext;
    private final Supplier<Batch> next;
    private final Preparation prepare;
    private int lastSteps = -1;
    private long lastSamples = -1;

    public IteratorBatches(DataSetIterator iterator, Preparation prepare) {
        this.reset = () -> {
            if (iterator.resetSupported()) {
                iterator.reset();
            }
        };
        this.hasNext = iterator::hasNext;
        this.next = () -> {
            DataSet ds = iterator.next();
            return new Batch(ds.getFeatures(), ds.getLabels(), null);
        };
        this.prepare = prepare;
    }

    public IteratorBatches(MultiDataSetIterator iterator, Preparation prepare) {
        this.reset = () -> {
            if (iterator.resetSupported()) {
                iterator.reset();
            }
        };
        this.hasNext = iterator::hasNext;
        this.next = () -> {
            MultiDataSet ds = iterator.next();
            return new Batch(Arrays.asList(ds.getFeatures()), Arrays.asList(ds.getLabels()), null);
        };
        this.prepare = prepare;
    }

    @Override
    public int steps() {
        return lastSteps;
    }

    @Override
    public long samples() {
        return lastSamples;
    }

    @Override
    public Iterable<Batch> epoch(boolean shuffle) {
        reset.run();
        return () -> new Iterator<>() {
            private int steps;
            private long samples;

            @Override
            public boolean hasNext() {
                boolean more = hasNext.getAsBoolean();
                if (!more) {
                    lastSteps = steps;
                    lastSamples = samples;
                }
                return more;
            }

            @Override
            public Batch next() {
                Batch batch = next.get();
                long first = samples;
                steps++;
                samples += batch.size();
                return prepare.apply(batch, first);
            }
        };
    }

    /**
     * Checks and converts one batch as drawn.
     *
     * <pre>{@code
     * Preparation check = (batch, firstSample) -> new Batch(batch.x(), checkedLabels(batch, firstSample), null);
     * }</pre>
     */
    @FunctionalInterface
    public interface Preparation {
        /** @param firstSample the index of the batch's first sample in this pass over the iterator */
        Batch apply(Batch batch, long firstSample);
    }
}
