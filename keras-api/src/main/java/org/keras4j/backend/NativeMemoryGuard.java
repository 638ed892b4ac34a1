package org.keras4j.backend;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;

/**
 * Keeps a process's resident memory bounded while it trains. ND4J frees an array's native
 * buffer only when the Java object that owns it is garbage collected; a training loop allocates
 * little on the Java heap per step, so collections come rarely while native garbage piles up
 * (about 130 KB per tiny-batch step in DL4J M2.1: gigabytes over 100,000 steps). The guard reads
 * the resident set size every few steps and asks for a collection when it has grown by a
 * fraction since the last one. At the next check, when ND4J has freed what the collection
 * released, it returns the C heap's free pages to the operating system ({@link NativeHeapTrim}):
 * without that, glibc keeps them, and fragmentation let resident memory creep up epoch by epoch.
 *
 * <p>The fraction is {@code keras4j.memory.gcGrowth} (default 0.1; 0 turns the guard off); the
 * growth must also exceed 64 MiB, so that small processes are not collected over and over.
 *
 * <pre>{@code
 * NativeMemoryGuard.shared().afterStep();   // the training loop calls this after each batch
 * }</pre>
 */
public final class NativeMemoryGuard {
    public static final String GROWTH_PROPERTY = "keras4j.memory.gcGrowth";
    static final double DEFAULT_GROWTH = 0.1;
    static final long MIN_GROWTH_BYTES = 64L << 20;
    /** Reading the resident size costs a few microseconds: not at every step. */
    static final int CHECK_EVERY = 16;
    /**
     * Nor more often than this: 16 steps of a tiny network's {@code predict} take less time than
     * one reading, and allocate a few kilobytes.
     */
    static final long MIN_CHECK_INTERVAL_NANOS = 1_000_000;

    private static final NativeMemoryGuard SHARED = new NativeMemoryGuard(growthFromProperty(),
            Pointer::physicalBytes, System::gc, NativeHeapTrim::run, System::nanoTime, MIN_CHECK_INTERVAL_NANOS);

    private final double growth;
    private final LongSupplier residentBytes;
    private final Runnable collect;
    private final Runnable release;
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private long lastCheck;
    private boolean checked;
    private long steps;
    private long baseline = -1;
    private long collections;
    private boolean releasePending;

    /** A guard without the release step (a process whose freed memory the allocator returns by itself). */
    NativeMemoryGuard(double growth, LongSupplier residentBytes, Runnable collect) {
        this(growth, residentBytes, collect, () -> { });
    }

    /**
     * @param collect asks for a garbage collection
     * @param release returns freed native memory to the operating system, one check after a collection
     */
    NativeMemoryGuard(double growth, LongSupplier residentBytes, Runnable collect, Runnable release) {
        this(growth, residentBytes, collect, release, () -> 0L, 0);
    }

    /**
     * @param clock nanoseconds, as {@link System#nanoTime}
     * @param minIntervalNanos the least time between two checks of the resident size
     */
    NativeMemoryGuard(double growth, LongSupplier residentBytes, Runnable collect, Runnable release, LongSupplier clock,
                      long minIntervalNanos) {
        if (!(growth >= 0) || Double.isInfinite(growth)) {
            throw new IllegalArgumentException(GROWTH_PROPERTY + " must be a fraction >= 0 (0 turns the guard off), got "
                    + growth);
        }
        this.growth = growth;
        this.residentBytes = residentBytes;
        this.collect = collect;
        this.release = release;
        this.clock = clock;
        this.minIntervalNanos = minIntervalNanos;
    }

    /** The process-wide guard, configured from the system property. */
    public static NativeMemoryGuard shared() {
        return SHARED;
    }

    /** Called after each training, evaluation or inference batch. */
    public synchronized void afterStep() {
        if (growth == 0 || ++steps % CHECK_EVERY != 0) {
            return;
        }
        if (minIntervalNanos > 0) {
            long now = clock.getAsLong();
            if (checked && now - lastCheck < minIntervalNanos) {
                return;
            }
            checked = true;
            lastCheck = now;
        }
        if (releasePending) {
            releasePending = false;
            release.run();
        }
        long rss = residentBytes.getAsLong();
        if (baseline < 0 || rss < baseline) {
            // ND4J frees collected buffers on its own thread, so resident memory keeps falling for a
            // while after a collection: the baseline follows it down rather than ratcheting up
            baseline = rss;
        } else if (rss - baseline > Math.max(MIN_GROWTH_BYTES, (long) (growth * baseline))) {
            collect.run();
            collections++;
            baseline = -1;
            releasePending = true;
        }
    }

    public synchronized long collections() {
        return collections;
    }

    /** One line for the backend report. */
    public synchronized String describe() {
        if (growth == 0) {
            return "garbage-collection guard off (" + GROWTH_PROPERTY + "=0): native buffers wait for the JVM's own GC";
        }
        return String.format(Locale.ROOT, "collect garbage when resident memory grows %.0f%% (at least %d MiB) "
                + "between collections (%s)%s; %d collections so far", growth * 100, MIN_GROWTH_BYTES >> 20,
                GROWTH_PROPERTY, NativeHeapTrim.available() ? ", then return the freed C heap (malloc_trim)" : "",
                collections);
    }

    private static double growthFromProperty() {
        String v = System.getProperty(GROWTH_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_GROWTH;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GROWTH_PROPERTY + " must be a number (a fraction such as 0.2), got '"
                    + v + "'", e);
        }
    }
}
