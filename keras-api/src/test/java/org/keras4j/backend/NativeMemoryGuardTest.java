package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {
    private static final long MIB = 1L << 20;

    /** A fake process: each step leaves {@code perStep} bytes of native garbage that a collection frees. */
    private static final class FakeProcess {
        final AtomicLong resident = new AtomicLong(1000 * MIB);
        final long live = 1000 * MIB;
        long peak = resident.get();

        void step(NativeMemoryGuard guard, long perStep) {
            peak = Math.max(peak, resident.addAndGet(perStep));
            guard.afterStep();
        }

        NativeMemoryGuard guard(double growth) {
            return new NativeMemoryGuard(growth, resident::get, () -> resident.set(live));
        }
    }

    @Test
    void growingGarbage_isCollectedBeforeResidentMemoryPassesTheBound() {
        FakeProcess p = new FakeProcess();
        NativeMemoryGuard guard = p.guard(0.2);
        for (int i = 0; i < 100_000; i++) {
            p.step(guard, 130 * 1024);
        }
        assertTrue(guard.collections() > 0);
        // the baseline is read one check after a collection; collected once growth passes 20 % of it
        long check = NativeMemoryGuard.CHECK_EVERY * 130 * 1024;
        long bound = (long) (1.2 * (p.live + check)) + check;
        assertTrue(p.peak <= bound, "peak " + p.peak / MIB + " MiB, bound " + bound / MIB + " MiB");
    }

    @Test
    void memoryStillFallingAfterACollection_lowersTheBaselineInsteadOfRatchetingUp() {
        // resident memory after a collection falls over several checks (ND4J frees on its own thread)
        AtomicLong resident = new AtomicLong(1000 * MIB);
        AtomicLong pendingFree = new AtomicLong();
        NativeMemoryGuard guard = new NativeMemoryGuard(0.2, () -> {
            long freed = Math.min(pendingFree.get(), 50 * MIB); // freed 50 MiB per check
            pendingFree.addAndGet(-freed);
            return resident.addAndGet(-freed);
        }, () -> pendingFree.set(resident.get() - 1000 * MIB));
        long peak = 0;
        for (int i = 0; i < 200_000; i++) {
            peak = Math.max(peak, resident.addAndGet(130 * 1024));
            guard.afterStep();
        }
        assertTrue(peak < 1400 * MIB, "peak " + peak / MIB + " MiB after " + guard.collections() + " collections");
    }

    @Test
    void checks_atMostOncePerInterval() {
        AtomicLong now = new AtomicLong(5_000);
        AtomicInteger readings = new AtomicInteger();
        NativeMemoryGuard guard = new NativeMemoryGuard(0.1, () -> {
            readings.incrementAndGet();
            return 100 * MIB;
        }, () -> { }, () -> { }, now::get, 1000);
        for (int i = 0; i < 10 * NativeMemoryGuard.CHECK_EVERY; i++) {
            guard.afterStep(); // no time passes: only the first check reads
        }
        assertEquals(1, readings.get());
        now.addAndGet(999);
        for (int i = 0; i < NativeMemoryGuard.CHECK_EVERY; i++) {
            guard.afterStep();
        }
        assertEquals(1, readings.get());
        now.addAndGet(1);
        for (int i = 0; i < NativeMemoryGuard.CHECK_EVERY; i++) {
            guard.afterStep();
        }
        assertEquals(2, readings.get());
    }

    @Test
    void theCheckAfterACollection_releasesFreedMemory_once() {
        AtomicLong resident = new AtomicLong(1000 * MIB);
        AtomicInteger collections = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        NativeMemoryGuard guard = new NativeMemoryGuard(0.1, resident::get, collections::incrementAndGet,
                releases::incrementAndGet);
        check(guard);                      // baseline 1000 MiB
        resident.addAndGet(200 * MIB);
        check(guard);                      // grew 20 %: collects
        assertEquals(1, collections.get());
        assertEquals(0, releases.get(), "not before ND4J has had a check's time to free the buffers");
        resident.set(1000 * MIB);
        check(guard);
        assertEquals(1, releases.get());
        check(guard);
        check(guard);
        assertEquals(1, releases.get(), "once per collection");
    }

    private static void check(NativeMemoryGuard guard) {
        for (int i = 0; i < NativeMemoryGuard.CHECK_EVERY; i++) {
            guard.afterStep();
        }
    }

    @Test
    void steadyMemory_isNeverCollected() {
        FakeProcess p = new FakeProcess();
        NativeMemoryGuard guard = p.guard(0.2);
        for (int i = 0; i < 10_000; i++) {
            p.step(guard, 0);
        }
        assertEquals(0, guard.collections());
    }

    @Test
    void smallProcess_growthBelowMinimum_isNotCollected() {
        FakeProcess p = new FakeProcess();
        p.resident.set(100 * MIB); // 20 % would be 20 MiB, below the 64 MiB minimum
        NativeMemoryGuard guard = new NativeMemoryGuard(0.2, p.resident::get, () -> p.resident.set(100 * MIB));
        for (int i = 0; i < 16 * 100; i++) {
            p.step(guard, 30 * 1024); // 48 MiB in all
        }
        assertEquals(0, guard.collections());
    }

    @Test
    void growthZero_turnsTheGuardOff() {
        FakeProcess p = new FakeProcess();
        NativeMemoryGuard guard = p.guard(0);
        for (int i = 0; i < 10_000; i++) {
            p.step(guard, 1 << 20);
        }
        assertEquals(0, guard.collections());
        assertTrue(guard.describe().contains("off"), guard.describe());
    }

    @Test
    void negativeGrowth_throwsNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NativeMemoryGuard(-0.5, () -> 0, () -> { }));
        assertTrue(e.getMessage().contains(NativeMemoryGuard.GROWTH_PROPERTY) && e.getMessage().contains("-0.5"),
                e.getMessage());
    }
}
