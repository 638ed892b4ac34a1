package org.keras4j.engine;

import java.util.Iterator;

/**
 * The batches of one pass over a data set; {@link #epoch} starts a new pass (shuffled or not).
 *
 * <pre>{@code
 * for (Batch b : source.epoch(true)) { ... }
 * }</pre>
 */
public interface BatchSource {
    /** Batches per epoch, or -1 if unknown. */
    int steps();

    /** Total samples per epoch, or -1 if unknown. */
    long samples();

    Iterable<Batch> epoch(boolean shuffle);

    /** Convenience for sources that are plain iterators. */
    static Iterable<Batch> once(Iterator<Batch> it) {
        return () -> it;
    }
}
