package org.keras4j.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PyTorchRunnerTest {

    @Test
    void lastJsonLine_skipsLogLines() {
        assertEquals("{\"b\":2}", PyTorchRunner.lastJsonLine("warning: x\n{\"a\":1}\nmore\n{\"b\":2}\n"));
        assertNull(PyTorchRunner.lastJsonLine("Traceback (most recent call last):\n"));
    }

    @Test
    void findPython_missingInterpreter_isEmpty() {
        assertFalse(PyTorchRunner.findPython(List.of("/nonexistent/python3")).isPresent());
    }

    @Test
    void run_missingScript_throwsNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PyTorchRunner.run("python3", Path.of("no/such/script.py"), List.of()));
        assertTrue(e.getMessage().contains("script.py"), e.getMessage());
    }

    @Test
    void pytorchScript_printsEveryMetric() throws Exception {
        Optional<String> py = PyTorchRunner.findPython(List.of("python3", "/usr/bin/python3"));
        assumeTrue(py.isPresent(), "no python3 with torch");
        Results r = PyTorchRunner.run(py.get(), Benchmark.benchmarkDir().resolve("pytorch_bench.py"),
                List.of("--reps", "1", "--w1-samples", "256", "--w4-samples", "16", "--w2-samples", "128", "--w3-samples",
                        "64", "--w6-samples", "64", "--w7-samples", "64", "--w8-samples", "64", "--w9-batches", "1"));
        for (Metric m : Metric.values()) {
            if (SklearnTable.METRICS.contains(m) || m == Metric.W10_TRAIN) {
                continue; // R1's reference is scikit-learn, W10's hand-written DL4J only
            }
            double v = r.median(ResultsTable.PYTORCH, m);
            assertTrue(v > 0 && Double.isFinite(v), m + " = " + v);
        }
        assertTrue(r.info(ResultsTable.PYTORCH, "threads") != null);
    }

    @Test
    void pytorchScript_onlyW7_printsW7Alone() throws Exception {
        Optional<String> py = PyTorchRunner.findPython(List.of("python3", "/usr/bin/python3"));
        assumeTrue(py.isPresent(), "no python3 with torch");
        Results r = PyTorchRunner.run(py.get(), Benchmark.benchmarkDir().resolve("pytorch_bench.py"),
                List.of("--reps", "2", "--w7-samples", "128", "--only", "w7"));
        assertEquals(2, r.reps(ResultsTable.PYTORCH, Metric.W7_TRAIN).size());
        assertTrue(r.reps(ResultsTable.PYTORCH, Metric.W1_TRAIN).isEmpty());
    }
}
