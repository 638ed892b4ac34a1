package org.keras4j.engine;

import java.util.Iterator;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Batches from a DL4J {@link DataSetIterator}, reset at each epoch; the iterator decides batch
 * size and order. Each batch passes through {@code prepare} (checks and reshaping) as it is drawn,
 * before the step that trains on it: checking the whole data set first would load it all.
 *
 * <pre>{@code
 * BatchSource source = new IteratorBatches(iterator, (batch, firstSample) -> batch);
 * }</pre>
 */
public final class IteratorBatches implements BatchSource {
    private final DataSetIterator iterator;
    private final Preparation prepare;
    private int lastSteps = -1;
    private long lastSamples = -1;

    public IteratorBatches(DataSetIterator iterator, Preparation prepare) {
        this.iterator = iterator;
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
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        return () -> new Iterator<>() {
            private int steps;
            private long samples;

            @Override
            public boolean hasNext() {
                boolean more = iterator.hasNext();
                if (!more) {
                    lastSteps = steps;
                    lastSamples = samples;
                }
                return more;
            }

            @Override
            public Batch next() {
                DataSet ds = iterator.next();
                long first = samples;
                steps++;
                samples += ds.getFeatures().size(0);
                return prepare.apply(new Batch(ds.getFeatures(), ds.getLabels(), null), first);
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
