package org.keras4j.engine;

import java.util.Iterator;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Batches from a DL4J {@link DataSetIterator}, reset at each epoch; the iterator decides batch
 * size and order. Labels pass through {@code prepareLabels} (checks and reshaping).
 *
 * <pre>{@code
 * BatchSource source = new IteratorBatches(iterator, y -> y);
 * }</pre>
 */
public final class IteratorBatches implements BatchSource {
    private final DataSetIterator iterator;
    private final UnaryOperator<Batch> prepare;
    private int lastSteps = -1;
    private long lastSamples = -1;

    public IteratorBatches(DataSetIterator iterator, UnaryOperator<Batch> prepare) {
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
                steps++;
                samples += ds.getFeatures().size(0);
                return prepare.apply(new Batch(ds.getFeatures(), ds.getLabels(), null));
            }
        };
    }
}
