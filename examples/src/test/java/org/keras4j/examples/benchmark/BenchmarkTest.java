package org.keras4j.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {
    /** Small enough for a unit test: checks the code paths, not the speed. */
    static final Workloads.Sizes TINY = new Workloads.Sizes(256, 128, 256, 128, 16, 4, 5, 64);

    /** Every workload at a size a unit test affords. */
    private static final TunedRun.Sizes TINY_ALL = new TunedRun.Sizes(TINY, 128, 64, 96, 64, 64, 2);

    @Test
    void tunedWorker_measuresEveryMetricForDl4jAndKeras4j() {
        UnsupervisedOptions unsup = UnsupervisedWorkloadsTest.tinyOptions();
        Results r = Benchmark.runTuned(TINY_ALL, TunedRun.ALL, 2, 1, unsup, null);
        for (String variant : new String[] {ResultsTable.DL4J_TUNED, ResultsTable.KERAS4J}) {
            for (Metric m : Metric.values()) {
                if (SklearnTable.METRICS.contains(m)) {
                    continue;
                }
                if (m == Metric.W8_TRAIN && variant.equals(ResultsTable.DL4J_TUNED)) {
                    assertEquals(0, r.reps(variant, m).size(), "DL4J has no GRU: no hand-written W8");
                    continue;
                }
                assertEquals(2, r.reps(variant, m).size(), variant + " " + m);
                double v = r.median(variant, m);
                assertTrue(v > 0 && Double.isFinite(v), variant + " " + m + " = " + v);
            }
        }
        // R1 is keras4j's alone (its reference is scikit-learn, run by the coordinator): one time per epoch
        assertEquals(unsup.r1Epochs, r.reps(ResultsTable.KERAS4J, Metric.R1_TRAIN).size());
        assertEquals(0, r.reps(ResultsTable.DL4J_TUNED, Metric.R1_TRAIN).size());
        double pl = r.median(ResultsTable.KERAS4J, Metric.R1_PL);
        assertTrue(pl < 0 && pl > -784 * Math.log(2) * 4, "pseudo-likelihood " + pl);
        assertTrue(r.info(ResultsTable.KERAS4J, "report").contains("ND4J backend"));
    }

    @Test
    void onlyWorker_measuresTheResidualCnnForDl4jAndKeras4jOnly() {
        Results r = Benchmark.runTuned(TINY_ALL, List.of("w7"), 2, 1, UnsupervisedWorkloadsTest.tinyOptions(), null);
        for (String variant : new String[] {ResultsTable.DL4J_TUNED, ResultsTable.KERAS4J}) {
            assertEquals(2, r.reps(variant, Metric.W7_TRAIN).size(), variant);
            assertTrue(r.median(variant, Metric.W7_TRAIN) > 0, variant);
            assertEquals(0, r.reps(variant, Metric.W2_TRAIN).size(), variant);
        }
    }

    @Test
    void onlyWorker_withPyTorch_interleavesEveryConfiguration() throws Exception {
        Optional<String> py = PyTorchRunner.findPython(List.of("python3", "/usr/bin/python3"));
        assumeTrue(py.isPresent(), "no python3 with torch");
        PyTorchServers torch = PyTorchServers.start(py.get(), Benchmark.benchmarkDir().resolve("pytorch_bench.py"),
                List.of("--w6-samples", "96"), List.of("glibc", "glibc-tuned"), List.of(1, 2));
        Results r = Benchmark.runTuned(TINY_ALL, List.of("w6"), 3, 1, UnsupervisedWorkloadsTest.tinyOptions(), torch);
        for (String variant : List.of(ResultsTable.DL4J_TUNED, ResultsTable.KERAS4J, "pytorch glibc 1t", "pytorch glibc 2t",
                "pytorch glibc-tuned 1t", "pytorch glibc-tuned 2t")) {
            assertEquals(3, r.reps(variant, Metric.W6_TRAIN).size(), variant);
        }
        assertTrue(r.info(ResultsTable.PYTORCH, "allocators").contains("glibc-tuned (glibc, MALLOC_"),
                r.info(ResultsTable.PYTORCH, "allocators"));
        assertNull(r.info(ResultsTable.PYTORCH, "failed"));
    }

    @Test
    void interleave_runsEverySideOncePerRound_reversingOddRounds() {
        List<String> calls = new java.util.ArrayList<>();
        List<TunedRun.Side> sides = List.of("a", "b", "c").stream()
                .map(v -> new TunedRun.Side(v, () -> {
                    calls.add(v);
                    return v.equals("c") && calls.size() > 3 ? Double.NaN : calls.size();
                })).toList();
        Results r = new Results();
        TunedRun.interleave(2, sides, r, Metric.W6_TRAIN);
        assertEquals(List.of("a", "b", "c", "c", "b", "a"), calls);
        assertEquals(List.of(1.0, 6.0), r.reps("a", Metric.W6_TRAIN));
        assertEquals(List.of(3.0), r.reps("c", Metric.W6_TRAIN), "NaN, a failed side, is not recorded");
    }

    @Test
    void w6SameStart_handWrittenClassifierComputesWhatKeras4jComputes() {
        Keras.setRandomSeed(3);
        org.keras4j.Sequential model = CourseClassifierWorkload.kerasClassifier();
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork hand = CourseClassifierWorkload.dl4jClassifier(3);
        CourseClassifierWorkload w6 = new CourseClassifierWorkload(40, 3);
        TunedRun.sameStart(hand, model);
        INDArray x = w6.x.getRows(0, 1, 2, 3);
        assertTrue(model.predict(x).equalsWithEps(hand.output(x), 1e-5), "the same probabilities");
        // the sparse labels score alike: DL4J's loss on class indices, keras4j's sparse_categorical_crossentropy
        double loss = model.evaluate(w6.x, w6.y).get("loss");
        assertEquals(hand.score(new org.nd4j.linalg.dataset.DataSet(w6.x, w6.y)), loss, 1e-5);
        assertEquals(List.of(0, 1, 2), java.util.stream.IntStream.of(w6.y.toIntVector()).distinct().sorted().boxed().toList(),
                "labels are class indices of all three classes");
    }

    @Test
    void w7SameStart_handWrittenGraphComputesWhatTheFunctionalModelComputes() {
        Keras.setRandomSeed(3);
        Functional model = ResidualWorkload.kerasResNet();
        ComputationGraph graph = ResidualWorkload.dl4jResNet(3);
        ResidualWorkload w7 = new ResidualWorkload(16, 3);
        INDArray before = graph.outputSingle(w7.xNchw);
        ResidualWorkload.sameStart(graph, model);
        INDArray keras = model.predict(w7.xNhwc);
        INDArray hand = graph.outputSingle(w7.xNchw);
        assertTrue(keras.equalsWithEps(hand, 1e-4), "keras4j " + keras + "\nDL4J " + hand);
        assertFalse(before.equalsWithEps(hand, 1e-4), "the weights were copied");
    }

    @Test
    void w9SameStart_handWrittenLanguageModelComputesWhatKeras4jComputes() {
        Keras.setRandomSeed(3);
        org.keras4j.Sequential model = LanguageModelWorkload.kerasModel();
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork hand = LanguageModelWorkload.dl4jModel(3);
        LanguageModelWorkload w9 = new LanguageModelWorkload(1, 3);
        INDArray x = w9.x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        hand.setParams(model.network().params());
        INDArray keras = model.predict(x);
        INDArray dl4j = hand.output(x);
        assertTrue(keras.equalsWithEps(dl4j, 1e-4), "the two networks compute the same probabilities");
    }

    @Test
    void memoryCheck_readsResidentMemoryAndJudgesEachBound() {
        Results r = MemoryCheck.run(TINY, 2, 40, 1);
        // 16 samples in batches of 4: 4 steps per epoch, 10 epochs, the first tenth is one epoch
        assertEquals("4", r.info(MemoryCheck.VARIANT, "w4_steps_first"));
        assertEquals("40", r.info(MemoryCheck.VARIANT, "w4_steps_last"));
        assertTrue(Long.parseLong(r.info(MemoryCheck.VARIANT, "w1_rss_first_mb")) > 0);
        var lines = MemoryCheck.describe(r);
        assertEquals(3, lines.size(), lines.toString());
        lines.values().forEach(v -> assertTrue(v.contains("bound") && v.contains("met"), v));
    }

    @Test
    void memoryCheck_growthBeyondBound_isReportedNotMet() {
        Results r = new Results();
        String v = MemoryCheck.VARIANT;
        r.info(v, "w1_epochs", "10");
        r.info(v, "w1_rss_first_mb", "1000");
        r.info(v, "w1_rss_last_mb", "1400");
        r.info(v, "w1_peak_rss_mb", "2100");
        r.info(v, "w4_steps_first", "10000");
        r.info(v, "w4_steps_last", "100000");
        r.info(v, "w4_rss_first_mb", "500");
        r.info(v, "w4_rss_last_mb", "600");
        var lines = List.copyOf(MemoryCheck.describe(r).values());
        assertTrue(lines.get(0).endsWith("ratio 1.40 (bound 1.3: NOT met)"), lines.get(0));
        assertTrue(lines.get(1).endsWith("NOT met)"), lines.get(1));
        assertTrue(lines.get(2).endsWith("ratio 1.20 (bound 1.3: met)"), lines.get(2));
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
