package org.keras4j.examples.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.backend.Backend;
import org.keras4j.backend.NativeMemoryGuard;
import org.keras4j.callbacks.Callback;

/**
 * Where the first epoch's extra time goes: the course CNN (W2) trains for a few epochs in a
 * fresh JVM, and each epoch reports its wall time, the time of its first ten batches, and the
 * CPU time the JIT compilers and the garbage collector spent during it, the memory guard's
 * collections, the minor page faults and the resident memory. A cost paid once per JVM
 * (class loading, JIT compilation, oneDNN's primitives for each new shape, DL4J's workspaces
 * learning their sizes) shows as epoch 1's excess over the last epoch.
 *
 * <pre>{@code
 * Results r = WarmUpCheck.run(10_000, 3, 42);
 * WarmUpCheck.describe(r).forEach((k, v) -> System.out.println(k + ": " + v));
 * }</pre>
 */
final class WarmUpCheck {
    static final String VARIANT = "keras4j_warmup";
    private static final int FIRST_BATCHES = 10;

    private WarmUpCheck() {
    }

    static Results run(int samples, int epochs, long seed) {
        Results r = new Results();
        long start = System.nanoTime();
        Backend.configure();
        CnnWorkload w2 = new CnnWorkload(samples, seed);
        Sequential model = CnnWorkload.kerasCnn();
        r.info(VARIANT, "build_s", seconds(System.nanoTime() - start));
        EpochClock clock = new EpochClock();
        model.fit(w2.xNhwc, w2.y, FitOptions.defaults().epochs(epochs).batchSize(CnnWorkload.BATCH).verbose(0).callbacks(clock));
        r.info(VARIANT, "epochs", String.valueOf(epochs));
        for (int e = 0; e < clock.epochs.size(); e++) {
            double[] m = clock.epochs.get(e);
            r.info(VARIANT, "epoch" + (e + 1), String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%.0f,%.0f,%.0f",
                    m[0], m[1], m[2], m[3], m[4], m[5], m[6]));
        }
        return r;
    }

    /** The check's lines for the results file (label, value). */
    static Map<String, String> describe(Results r) {
        Map<String, String> out = new LinkedHashMap<>();
        String failed = r.info(VARIANT, "failed");
        if (failed != null) {
            out.put("warm-up check", "failed: " + failed);
            return out;
        }
        int epochs = Integer.parseInt(r.info(VARIANT, "epochs"));
        double[] first = parse(r.info(VARIANT, "epoch1"));
        double[] last = parse(r.info(VARIANT, "epoch" + epochs));
        List<String> walls = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            walls.add(String.format(Locale.ROOT, "%.1f", parse(r.info(VARIANT, "epoch" + e))[0]));
        }
        out.put("warm-up, W2 keras4j in a fresh JVM, build and compile", r.info(VARIANT, "build_s") + " s");
        out.put("warm-up, W2 keras4j in a fresh JVM, epoch times", String.join(" / ", walls)
                + String.format(Locale.ROOT, " s (epoch 1 is %.2fx epoch %d)", first[0] / last[0], epochs));
        out.put("warm-up, epoch 1 / epoch " + epochs + ": first " + FIRST_BATCHES + " batches",
                String.format(Locale.ROOT, "%.2f s / %.2f s", first[1], last[1]));
        out.put("warm-up, epoch 1 / epoch " + epochs + ": JIT compiler CPU time",
                String.format(Locale.ROOT, "%.2f s / %.2f s", first[2], last[2]));
        out.put("warm-up, epoch 1 / epoch " + epochs + ": garbage collection time, of which memory-guard collections",
                String.format(Locale.ROOT, "%.2f s / %.2f s, %.0f / %.0f", first[3], last[3], first[4], last[4]));
        out.put("warm-up, epoch 1 / epoch " + epochs + ": minor page faults, resident memory at the end",
                String.format(Locale.ROOT, "%,.0f / %,.0f, %.0f MB / %.0f MB", first[5], last[5], first[6], last[6]));
        return out;
    }

    private static double[] parse(String csv) {
        String[] parts = csv.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    /**
     * Per epoch: wall seconds, seconds of the first batches, JIT seconds, GC seconds, memory-guard
     * collections, minor page faults, resident MB at the end.
     */
    private static final class EpochClock implements Callback {
        final List<double[]> epochs = new ArrayList<>();
        private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        private long epochStart;
        private long firstBatchesEnd;
        private long jitStart;
        private long gcStart;
        private long guardStart;
        private long faultsStart;

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            epochStart = System.nanoTime();
            firstBatchesEnd = 0;
            jitStart = jit.getTotalCompilationTime();
            gcStart = gcMillis();
            guardStart = NativeMemoryGuard.shared().collections();
            faultsStart = Machine.minorFaults();
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            if (batch == FIRST_BATCHES - 1) {
                firstBatchesEnd = System.nanoTime();
            }
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            long end = System.nanoTime();
            long firstEnd = firstBatchesEnd == 0 ? end : firstBatchesEnd;
            epochs.add(new double[] {(end - epochStart) / 1e9, (firstEnd - epochStart) / 1e9,
                    (jit.getTotalCompilationTime() - jitStart) / 1e3, (gcMillis() - gcStart) / 1e3,
                    NativeMemoryGuard.shared().collections() - guardStart, Machine.minorFaults() - faultsStart,
                    Machine.rssMb()});
        }

        private static long gcMillis() {
            long total = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                total += Math.max(0, gc.getCollectionTime());
            }
            return total;
        }
    }
}
