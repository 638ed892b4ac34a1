package org.keras4j.examples.benchmark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.backend.Backend;

/**
 * The benchmark's memory check, in a JVM of its own so that nothing else shapes its resident
 * memory: keras4j trains W1 for several epochs (resident memory after the first and the last
 * epoch, and the process's peak), then W4 for many tiny-batch steps (resident memory after the
 * first tenth and at the end). A leak shows as growth between the two readings.
 *
 * <pre>{@code
 * Results r = MemoryCheck.run(Workloads.Sizes.DEFAULT, 10, 100_000, 42);
 * MemoryCheck.describe(r).forEach((k, v) -> System.out.println(k + ": " + v));
 * }</pre>
 */
final class MemoryCheck {
    static final String VARIANT = "keras4j_memory";
    /** The bounds: no growth beyond 1.3x, and a W1 process under 2 GB. */
    static final double GROWTH_BOUND = 1.3;
    static final long PEAK_BOUND_MB = 2048;

    private MemoryCheck() {
    }

    static Results run(Workloads.Sizes sizes, int epochs, int steps, long seed) {
        Backend.configure();
        Results r = new Results();
        Workloads w = new Workloads(sizes, seed);
        Keras.setRandomSeed(seed);
        Sequential mlp = Workloads.kerasMlp();
        long first = -1;
        for (int e = 1; e <= epochs; e++) {
            w.w1TrainKeras(mlp);
            if (e == 1) {
                first = Machine.rssMb();
            }
        }
        r.info(VARIANT, "w1_epochs", String.valueOf(epochs));
        r.info(VARIANT, "w1_rss_first_mb", String.valueOf(first));
        r.info(VARIANT, "w1_rss_last_mb", String.valueOf(Machine.rssMb()));
        r.info(VARIANT, "w1_peak_rss_mb", Machine.peakRssMb());

        Sequential tiny = Workloads.kerasTiny();
        int perEpoch = Workloads.steps(sizes.w4Samples(), sizes.w4Batch());
        int epochsTotal = Math.max(1, (steps + perEpoch - 1) / perEpoch);
        int epochsFirst = Math.max(1, epochsTotal / 10);
        FitOptions options = FitOptions.defaults().epochs(epochsFirst).batchSize(sizes.w4Batch()).verbose(0);
        tiny.fit(w.w4x, w.w4y, options);
        long tinyFirst = Machine.rssMb();
        if (epochsTotal > epochsFirst) {
            tiny.fit(w.w4x, w.w4y, FitOptions.defaults().epochs(epochsTotal).initialEpoch(epochsFirst)
                    .batchSize(sizes.w4Batch()).verbose(0));
        }
        r.info(VARIANT, "w4_steps_first", String.valueOf((long) epochsFirst * perEpoch));
        r.info(VARIANT, "w4_steps_last", String.valueOf((long) epochsTotal * perEpoch));
        r.info(VARIANT, "w4_rss_first_mb", String.valueOf(tinyFirst));
        r.info(VARIANT, "w4_rss_last_mb", String.valueOf(Machine.rssMb()));
        return r;
    }

    /** The check's lines for the results file (label, value), each with its bound and verdict. */
    static Map<String, String> describe(Results r) {
        Map<String, String> out = new LinkedHashMap<>();
        String failed = r.info(VARIANT, "failed");
        if (failed != null) {
            out.put("memory check", "failed: " + failed);
            return out;
        }
        out.put("memory, W1 keras4j, resident after epoch 1 / epoch " + r.info(VARIANT, "w1_epochs"),
                growth(r.info(VARIANT, "w1_rss_first_mb"), r.info(VARIANT, "w1_rss_last_mb")));
        long peak = Long.parseLong(r.info(VARIANT, "w1_peak_rss_mb"));
        out.put("memory, W1 keras4j, peak resident of the process", peak + " MB (bound " + PEAK_BOUND_MB + " MB: "
                + (peak < PEAK_BOUND_MB ? "met" : "NOT met") + ")");
        out.put(String.format(Locale.ROOT, "memory, W4 keras4j tiny batches, resident after %,d / %,d steps",
                        Long.parseLong(r.info(VARIANT, "w4_steps_first")), Long.parseLong(r.info(VARIANT, "w4_steps_last"))),
                growth(r.info(VARIANT, "w4_rss_first_mb"), r.info(VARIANT, "w4_rss_last_mb")));
        return out;
    }

    private static String growth(String firstMb, String lastMb) {
        long first = Long.parseLong(firstMb);
        long last = Long.parseLong(lastMb);
        double ratio = (double) last / first;
        return String.format(Locale.ROOT, "%d MB / %d MB, ratio %.2f (bound %.1f: %s)", first, last, ratio,
                GROWTH_BOUND, ratio <= GROWTH_BOUND ? "met" : "NOT met");
    }
}
