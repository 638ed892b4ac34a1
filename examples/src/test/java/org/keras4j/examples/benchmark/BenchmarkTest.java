package org.keras4j.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {
    /** Small enough for a unit test: checks the code paths, not the speed. */
    private static final Workloads.Sizes TINY = new Workloads.Sizes(256, 128, 256, 128, 16, 4, 5, 64);

    @Test
    void tunedWorker_measuresEveryMetricForDl4jAndKeras4j() {
        Results r = Benchmark.runTuned(TINY, 2, 1);
        for (String variant : new String[] {ResultsTable.DL4J_TUNED, ResultsTable.KERAS4J}) {
            for (Metric m : Metric.values()) {
                assertEquals(2, r.reps(variant, m).size(), variant + " " + m);
                double v = r.median(variant, m);
                assertTrue(v > 0 && Double.isFinite(v), variant + " " + m + " = " + v);
            }
        }
        assertTrue(r.info(ResultsTable.KERAS4J, "report").contains("ND4J backend"));
    }

    @Test
    void benchmarkDir_findsTheRepositorysScript() {
        assertTrue(Files.isRegularFile(Benchmark.benchmarkDir().resolve("pytorch_bench.py")));
    }

    @Test
    void writeAtomically_replacesFileAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.md");
        Files.writeString(f, "old");
        Benchmark.writeAtomically(f, "new table");
        assertEquals("new table", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void sizes_nonPositive_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Workloads.Sizes(0, 128, 0, 1000, 4000, 4, 2000, 2048));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void sizes_moreInferenceThanTrainingSamples_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Workloads.Sizes(100, 128, 200, 100, 16, 4, 5, 64));
    }

    @Test
    void workloads_sameSeed_sameData() {
        Workloads a = new Workloads(TINY, 5);
        Workloads b = new Workloads(TINY, 5);
        assertEquals(a.w1x, b.w1x);
        assertEquals(a.w1y, b.w1y);
        assertEquals(a.w4y, b.w4y);
        assertEquals(TINY.w1Samples(), a.w1y.sum(1).sumNumber().intValue(), "one-hot labels");
    }
}
