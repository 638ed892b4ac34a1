package org.keras4j.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void slowdown_isATimeRatioForTimesAndRates() {
        assertEquals(1.25, Metric.W1_TRAIN.slowdown(10.0, 8.0), 1e-12);   // seconds: 10 vs 8
        assertEquals(2.0, Metric.W1_INFER.slowdown(50_000, 100_000), 1e-12); // samples/s: half the rate
    }

    @Test
    void render_rowHoldsMediansAndRatios() {
        Results r = new Results();
        r.add(ResultsTable.DL4J_DEFAULT, Metric.W1_TRAIN, 20.0);
        r.add(ResultsTable.DL4J_TUNED, Metric.W1_TRAIN, 8.0);
        r.add(ResultsTable.KERAS4J, Metric.W1_TRAIN, 8.6);
        r.add(ResultsTable.KERAS4J, Metric.W1_TRAIN, 8.4);
        r.add(ResultsTable.KERAS4J, Metric.W1_TRAIN, 8.0);
        r.add(ResultsTable.PYTORCH, Metric.W1_TRAIN, 4.2);
        String md = ResultsTable.render(r, Map.of(), 3);
        String row = md.lines().filter(l -> l.startsWith("| W1 MLP") && l.contains("training")).findFirst().orElseThrow();
        assertEquals("| W1 MLP 784-512-256-10 training, batch 128 | s/epoch | 20.00 | 8.00 | 8.40 | 4.20 | as run | 0.42 | 1.05 | 2.00 |",
                row);
    }

    @Test
    void render_kerasOverTuned_isTheMedianOfBackToBackRatios() {
        // the machine slowed down during the second pair: paired ratios 1.10, 1.00, 1.02; ratio of medians 1.05
        Results r = new Results();
        double[] tuned = {8.0, 16.0, 8.4};
        double[] keras = {8.8, 16.0, 8.568};
        for (int i = 0; i < 3; i++) {
            r.add(ResultsTable.DL4J_TUNED, Metric.W1_TRAIN, tuned[i]);
            r.add(ResultsTable.KERAS4J, Metric.W1_TRAIN, keras[i]);
        }
        String md = ResultsTable.render(r, Map.of(), 3);
        String row = md.lines().filter(l -> l.startsWith("| W1 MLP") && l.contains("training")).findFirst().orElseThrow();
        assertEquals("| W1 MLP 784-512-256-10 training, batch 128 | s/epoch | – | 8.40 | 8.80 | – | – | – | 1.02 | – |", row);
    }

    @Test
    void render_comparesKeras4jWithTheFastestPyTorchConfiguration_andNamesIt() {
        Results r = new Results();
        double[] keras = {0.20, 0.40, 0.21};
        double[] glibc = {0.30, 0.60, 0.33};
        double[] jemalloc = {0.25, 0.40, 0.20};   // median 0.25: the fastest; paired ratios 0.80, 1.00, 1.05
        for (int i = 0; i < 3; i++) {
            r.add(ResultsTable.KERAS4J, Metric.W6_TRAIN, keras[i]);
            r.add("pytorch glibc 1t", Metric.W6_TRAIN, glibc[i]);
            r.add("pytorch jemalloc 1t", Metric.W6_TRAIN, jemalloc[i]);
        }
        r.add("pytorch glibc 2t", Metric.W6_TRAIN, 0.9);
        String md = ResultsTable.render(r, Map.of(), 3);
        String row = md.lines().filter(l -> l.startsWith("| W6")).findFirst().orElseThrow();
        assertTrue(row.endsWith("| ms/step | – | – | 0.210 | 0.250 | jemalloc, 1 thread | – | – | 1.00 |"), row);
        String configs = md.substring(md.indexOf("## PyTorch configurations"));
        assertTrue(configs.contains("| workload | unit | glibc, 1 thread | jemalloc, 1 thread | glibc, 2 threads |"), configs);
        assertTrue(configs.contains("| ms/step | 0.330 | **0.250** | 0.900 |"), configs);
        assertTrue(md.contains("- pytorch jemalloc 1t: W6_train [0.250, 0.400, 0.200]"), md);
    }

    @Test
    void configVariant_roundTrips() {
        PyTorchServers.Config c = new PyTorchServers.Config("glibc-tuned", 2);
        assertEquals(c, PyTorchServers.Config.ofVariant(c.variant()).orElseThrow());
        assertEquals("glibc-tuned, 2 threads", c.label());
        assertTrue(PyTorchServers.Config.ofVariant("pytorch").isEmpty());
    }

    @Test
    void render_missingVariant_showsDash() {
        Results r = new Results();
        r.add(ResultsTable.KERAS4J, Metric.W5_SGEMM, 180.0);
        String md = ResultsTable.render(r, Map.of(), 1);
        String row = md.lines().filter(l -> l.startsWith("| W5")).findFirst().orElseThrow();
        assertEquals("| W5 sgemm 2048³ | GFLOP/s | – | – | 180 | – | – | – | – | – |", row);
        assertTrue(md.contains("- pytorch: not run"), md);
    }

    @Test
    void render_listsMachineFactsAndFencesMultiLineOnes() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("CPU", "AMD EPYC, 2 cores");
        machine.put("report", "line 1\nline 2");
        String md = ResultsTable.render(new Results(), machine, 3);
        assertTrue(md.contains("- CPU: AMD EPYC, 2 cores\n"), md);
        assertTrue(md.contains("```\nline 1\nline 2\n```"), md);
    }
}
