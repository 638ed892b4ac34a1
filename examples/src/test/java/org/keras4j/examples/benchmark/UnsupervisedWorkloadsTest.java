package org.keras4j.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.datasets.DatasetLocator;
import org.keras4j.datasets.Idx;
import org.keras4j.datasets.IdxArray;
import org.keras4j.models.Autoencoder;
import org.keras4j.models.RBM;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** R1 (the RBM against scikit-learn) and W10 (the autoencoder against hand-written DL4J): data, start, table. */
class UnsupervisedWorkloadsTest {

    /** Options small enough for a unit test. */
    static UnsupervisedOptions tinyOptions() {
        UnsupervisedOptions o = new UnsupervisedOptions();
        o.r1Samples = 128;
        o.r1Epochs = 2;
        o.r1Eval = 4;
        o.w10Samples = 256;
        return o;
    }

    /** A locator that finds nothing: no directory, environment, properties, home or system datasets. */
    private static DatasetLocator nowhere(Path empty) {
        return DatasetLocator.defaults().withDirectory(empty).withEnvironment(Map.of()).withSystemProperties(Map.of())
                .withUserHome(empty).withSystemDatasetsDirectory(empty).withDownload(false);
    }

    @Test
    void binarized_pixelsAbove127AreOn_andTrainingRowsAreCutToWholeBatches() {
        int images = 130;
        byte[] bytes = new byte[images * 784];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((i * 7) % 256);
        }
        INDArray x = RbmWorkload.binarized(IdxArray.ofUnsignedBytes(bytes, images, 28, 28), 1000, Path.of("t"));
        assertArrayEquals(new long[] {130, 784}, x.shape());
        for (int i : new int[] {0, 18, 19, 784 * 5 + 3, 130 * 784 - 1}) {
            double expected = (i * 7) % 256 > 127 ? 1 : 0;
            assertEquals(expected, x.getDouble(i / 784, i % 784), "pixel " + i + " of byte " + (i * 7) % 256);
        }
        assertEquals(120, RbmWorkload.binarized(IdxArray.ofUnsignedBytes(bytes, images, 28, 28), 120, Path.of("t"))
                .size(0));
        INDArray whole = RbmWorkload.wholeBatches(x);
        assertArrayEquals(new long[] {128, 784}, whole.shape(), "130 images: two whole batches of 64");
        assertEquals(x.getRow(127), whole.getRow(127));
        assertEquals(10, RbmWorkload.wholeBatches(x.getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)).size(0),
                "fewer than a batch: kept as they are");
    }

    @Test
    void load_withoutMnist_writesSyntheticIdxFilesForBothSides(@TempDir Path empty) {
        RbmWorkload.Data d = RbmWorkload.load(nowhere(empty), 200, 30, 5);
        assertTrue(d.synthetic());
        assertTrue(d.description().contains("synthetic"), d.description());
        assertArrayEquals(new long[] {192, 784}, d.train().shape());
        assertArrayEquals(new long[] {30, 784}, d.eval().shape());
        IdxArray train = Idx.read(d.trainImages());
        assertArrayEquals(new int[] {200, 28, 28}, train.shape());
        assertEquals(d.train(), RbmWorkload.binarized(train, 192, d.trainImages()), "the file holds the training data");
        double on = d.train().meanNumber().doubleValue();
        assertTrue(on > 0.1 && on < 0.3, "about MNIST's share of pixels on: " + on);
        RbmWorkload.deleteSynthetic(d.trainImages(), d.testImages());
        assertFalse(Files.exists(d.trainImages().getParent()));
    }

    @Test
    void onlyWorker_r1AndW10_measureTheirRowsAlone() {
        UnsupervisedOptions o = tinyOptions();
        Results r = Benchmark.runTuned(new TunedRun.Sizes(BenchmarkTest.TINY, 64, 64, 64, 64, 64, 2),
                List.of("w10", "r1"), 2, 1, o, null);
        for (String variant : new String[] {ResultsTable.DL4J_TUNED, ResultsTable.KERAS4J}) {
            assertEquals(2, r.reps(variant, Metric.W10_TRAIN).size(), variant);
            assertEquals(0, r.reps(variant, Metric.W7_TRAIN).size(), variant);
        }
        assertEquals(o.r1Epochs, r.reps(ResultsTable.KERAS4J, Metric.R1_TRAIN).size());
        assertEquals(1, r.reps(ResultsTable.KERAS4J, Metric.R1_PL).size());
        assertEquals("128", r.info(ResultsTable.KERAS4J, "r1_samples"));
    }

    @Test
    void withoutOwn_leavesPyTorchTheWorkloadsItRuns() {
        assertEquals("w7,w9", UnsupervisedWorkloads.withoutOwn("w7,r1,w9,w10"));
        assertEquals("", UnsupervisedWorkloads.withoutOwn("r1,w10"));
    }

    @Test
    void w10SameStart_handWrittenNetworkComputesWhatTheAutoencoderComputes() {
        Autoencoder ae = AutoencoderWorkload.kerasAutoencoder(3);
        MultiLayerNetwork net = AutoencoderWorkload.dl4jAutoencoder(3);
        AutoencoderWorkload w10 = new AutoencoderWorkload(16, 3);
        INDArray before = net.output(w10.x);
        AutoencoderWorkload.sameStart(net, ae);
        INDArray keras = ae.reconstruct(w10.x);
        INDArray hand = net.output(w10.x);
        assertTrue(keras.equalsWithEps(hand, 1e-4), "keras4j " + keras + "\nDL4J " + hand);
        assertFalse(before.equalsWithEps(hand, 1e-4), "the weights were copied");
    }

    @Test
    void sklearnTable_timeRatioForSpeed_differenceForPseudoLikelihood() {
        Results r = new Results();
        r.add(SklearnTable.SKLEARN, Metric.R1_TRAIN, 4.0);
        r.add(ResultsTable.KERAS4J, Metric.R1_TRAIN, 3.0);
        r.add(SklearnTable.SKLEARN, Metric.R1_PL, -74.25);
        r.add(ResultsTable.KERAS4J, Metric.R1_PL, -72.0);
        String md = ResultsTable.render(r, Map.of(), 3);
        String speed = md.lines().filter(l -> l.startsWith("| R1 RBM 784-256")).findFirst().orElseThrow();
        assertEquals("| R1 RBM 784-256, persistent CD-1, SGD 0.05, binarized MNIST, batch 64 | s/epoch | 4.00 | 3.00 | 0.75 |",
                speed);
        String pl = md.lines().filter(l -> l.startsWith("| R1 RBM pseudo")).findFirst().orElseThrow();
        assertTrue(pl.endsWith("| -74.25 | -72.00 | +2.25 |"), pl);
        assertEquals(1, md.lines().filter(l -> l.startsWith("| R1 RBM 784")).count(), "not in the main table too");
        assertEquals("", SklearnTable.render(new Results(), List.of(Metric.values())));
    }

    /**
     * The Python side computes the same pseudo-likelihood as {@link RBM#exactPseudoLikelihood} for the
     * same weights, and trains: skipped where no Python can import scikit-learn.
     */
    @Test
    void sklearnScript_samePseudoLikelihoodFormula_andTrainsOnTheGivenFiles(@TempDir Path dir) throws Exception {
        Optional<String> python = PyTorchRunner.findPython(List.of("python3", "/usr/bin/python3"), "sklearn");
        assumeTrue(python.isPresent(), "no python3 with scikit-learn");
        RbmWorkload.Data d = RbmWorkload.load(nowhere(dir), 128, 6, 9);
        try {
            RBM rbm = RbmWorkload.kerasRbm(9);
            RbmWorkload.train(rbm, d.train(), 1);
            Path weights = dir.resolve("weights.f32");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(weights))) {
                for (INDArray a : rbm.getWeights()) {
                    for (float f : a.reshape(-1).toFloatVector()) {
                        out.writeFloat(f);
                    }
                }
            }
            Path script = Benchmark.benchmarkDir().resolve("sklearn_bench.py");
            Process p = new ProcessBuilder(python.get(), script.toString(), "--test-images", d.testImages().toString(),
                    "--eval", "6", "--weights", weights.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            JsonNode scores = new ObjectMapper().readTree(PyTorchRunner.lastJsonLine(out)).get("pseudo_likelihood");
            double[] java = rbm.exactPseudoLikelihood(d.eval()).toDoubleVector();
            assertEquals(6, scores.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(java[i], scores.get(i).asDouble(), 1e-6 * Math.abs(java[i]), "image " + i);
            }

            Results sk = PyTorchRunner.run(python.get(), script, List.of("--train-images", d.trainImages().toString(),
                    "--test-images", d.testImages().toString(), "--samples", "128", "--eval", "6", "--epochs", "2"));
            assertEquals(2, sk.reps(SklearnTable.SKLEARN, Metric.R1_TRAIN).size());
            double pl = sk.median(SklearnTable.SKLEARN, Metric.R1_PL);
            assertTrue(pl < 0 && Double.isFinite(pl), "scikit-learn's pseudo-likelihood " + pl);
            assertTrue(sk.info(SklearnTable.SKLEARN, "version").startsWith("1."), sk.info(SklearnTable.SKLEARN, "version"));
        } finally {
            RbmWorkload.deleteSynthetic(d.trainImages(), d.testImages());
        }
    }
}
