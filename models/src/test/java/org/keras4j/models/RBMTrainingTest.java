package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.CSVLogger;
import org.keras4j.callbacks.EarlyStopping;
import org.keras4j.callbacks.History;
import org.keras4j.callbacks.ModelCheckpoint;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.SGD;
import org.keras4j.optimizers.schedules.ExponentialDecay;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RBMTrainingTest {
    private static final int VISIBLE = 16;

    /** Noisy copies (5 % of bits flipped) of three 16-bit prototypes. */
    static INDArray prototypes(int n, long seed) {
        Random r = new Random(seed);
        boolean[][] protos = new boolean[3][VISIBLE];
        for (boolean[] p : protos) {
            for (int j = 0; j < VISIBLE; j++) {
                p[j] = r.nextBoolean();
            }
        }
        float[][] x = new float[n][VISIBLE];
        for (int i = 0; i < n; i++) {
            boolean[] p = protos[i % 3];
            for (int j = 0; j < VISIBLE; j++) {
                x[i][j] = p[j] ^ r.nextDouble() < 0.05 ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(x);
    }

    private static INDArray noise(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][VISIBLE];
        for (float[] row : x) {
            for (int j = 0; j < VISIBLE; j++) {
                row[j] = r.nextBoolean() ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(x);
    }

    @Test
    void freeEnergyOfTrainingSamples_fallsDuringTraining_andBelowNoise() {
        Keras.setRandomSeed(11);
        INDArray x = prototypes(150, 1);
        INDArray random = noise(150, 2);
        RBM rbm = RBM.builder(VISIBLE, 8).build();
        rbm.compile(new SGD(0.1, 0.5), "mse", "pseudo_likelihood", "free_energy");
        double before = rbm.freeEnergy(x).meanNumber().doubleValue();
        double gapBefore = rbm.freeEnergy(random).meanNumber().doubleValue() - before;
        History h = rbm.fit(x, FitOptions.defaults().epochs(30).batchSize(10).verbose(0));
        double after = rbm.freeEnergy(x).meanNumber().doubleValue();
        double gapAfter = rbm.freeEnergy(random).meanNumber().doubleValue() - after;
        assertTrue(after < before - 1, "free energy " + before + " -> " + after);
        // the data became more probable than noise: not just a global shift of the energy
        assertTrue(gapAfter > gapBefore + 1, "noise - data free energy gap " + gapBefore + " -> " + gapAfter);
        List<Double> freeEnergy = h.get("free_energy");
        assertTrue(freeEnergy.get(29) < freeEnergy.get(0), "History free_energy " + freeEnergy);
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(29) < 0.5 * loss.get(0), "History loss " + loss);
        List<Double> pl = h.get("pseudo_likelihood");
        assertTrue(pl.get(29) > pl.get(0), "History pseudo_likelihood " + pl);
    }

    /** Two RBMs in the same state after one step on the same batch, then a second step on different batches. */
    private static INDArray[] secondNegativeSamples(boolean persistent) {
        INDArray first = prototypes(10, 3);
        INDArray[] second = {prototypes(10, 4), noise(10, 5)};
        INDArray[] negatives = new INDArray[2];
        INDArray chainsAfterFirst = null;
        for (int run = 0; run < 2; run++) {
            Keras.setRandomSeed(21);
            RBM rbm = RBM.builder(VISIBLE, 6).persistent(persistent).build();
            rbm.compile(new SGD(0.1));
            // weights large enough that the data decide the hidden states (N(0, 0.01) leaves them at 1/2)
            Nd4j.getRandom().setSeed(98);
            rbm.setWeights(List.of(Nd4j.randn(DataType.FLOAT, VISIBLE, 6), Nd4j.zeros(DataType.FLOAT, 6),
                    Nd4j.zeros(DataType.FLOAT, VISIBLE)));
            Nd4j.getRandom().setSeed(99);
            rbm.network().trainBatch(first, first, null);
            if (persistent) {
                INDArray chains = rbm.persistentChains();
                assertEquals(10, chains.size(0));
                if (chainsAfterFirst != null) {
                    assertEquals(chainsAfterFirst, chains);
                }
                chainsAfterFirst = chains;
            } else {
                assertEquals(null, rbm.persistentChains());
            }
            Nd4j.getRandom().setSeed(100);
            rbm.network().trainBatch(second[run], second[run], null);
            negatives[run] = rbm.negativeSamples();
        }
        return negatives;
    }

    @Test
    void persistentCd_keepsItsChainsAcrossBatches() {
        // PCD: the second negative phase continues the chains of the first, whatever the second batch holds
        INDArray[] pcd = secondNegativeSamples(true);
        assertEquals(pcd[0], pcd[1]);
        // CD: the negative phase starts at the batch, so different batches give different samples
        INDArray[] cd = secondNegativeSamples(false);
        assertNotEquals(cd[0], cd[1]);
    }

    @Test
    void persistentCd_chainsMoveEveryStep() {
        Keras.setRandomSeed(5);
        RBM rbm = RBM.builder(VISIBLE, 6).persistent(true).cdSteps(2).build();
        rbm.compile(new SGD(0.1));
        INDArray x = prototypes(30, 6);
        rbm.network().trainBatch(x, x, null);
        INDArray c1 = rbm.persistentChains();
        boolean moved = false;
        for (int i = 0; i < 5 && !moved; i++) {
            rbm.network().trainBatch(x, x, null);
            moved = !rbm.persistentChains().equals(c1);
        }
        assertTrue(moved);
    }

    @Test
    void fit_reportsThroughHistoryAndCallbacks(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(12);
        INDArray x = prototypes(120, 7);
        RBM rbm = RBM.builder(VISIBLE, 8).build();
        rbm.compile(new SGD(0.1), "mse", "pseudo_likelihood");
        Path csv = dir.resolve("log.csv");
        Path best = dir.resolve("best.k4rbm");
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(2).withMinDelta(1.0);
        History h = rbm.fit(x, FitOptions.defaults().epochs(20).batchSize(16).validationSplit(0.25).verbose(0)
                .callbacks(stop, new CSVLogger(csv), new ModelCheckpoint(best.toString(), "val_loss")));
        assertTrue(h.has("loss") && h.has("val_loss") && h.has("pseudo_likelihood") && h.has("val_pseudo_likelihood"),
                h.history().keySet().toString());
        // min_delta 1.0 can never be met by an error below 1: stops after patience + 1 epochs
        assertEquals(3, h.size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("val_loss"), lines.get(0));
        RBM saved = RBM.load(best);
        assertEquals(VISIBLE, saved.visible());
        assertTrue(rbm.evaluate(x, x).get("loss") > 0);
    }

    @Test
    void learningRateSchedule_drivesTheStepSize() {
        Keras.setRandomSeed(13);
        RBM rbm = RBM.builder(VISIBLE, 4).build();
        rbm.compile((SGD) new SGD(0.1).withLearningRateSchedule(new ExponentialDecay(0.1, 1, 0.5)));
        INDArray x = prototypes(40, 8);
        rbm.fit(x, FitOptions.defaults().epochs(1).batchSize(10).verbose(0));
        assertEquals(0.1 * Math.pow(0.5, 3), ((ContrastiveDivergence) rbm.network()).learningRate(), 1e-12);
    }

    @Test
    void sparsityTarget_pullsHiddenActivationsTowardsIt() {
        INDArray x = prototypes(150, 9);
        double[] means = new double[2];
        for (int run = 0; run < 2; run++) {
            Keras.setRandomSeed(14);
            RBM.Builder b = RBM.builder(VISIBLE, 12);
            if (run == 1) {
                b.sparsity(0.05, 1.0);
            }
            RBM rbm = b.build();
            rbm.compile(new SGD(0.1));
            rbm.fit(x, FitOptions.defaults().epochs(20).batchSize(10).verbose(0));
            means[run] = rbm.transform(x).meanNumber().doubleValue();
        }
        assertTrue(Math.abs(means[1] - 0.05) < Math.abs(means[0] - 0.05) / 2,
                "mean hidden activation without " + means[0] + ", with target 0.05: " + means[1]);
    }

    @Test
    void gaussianVisibleUnits_learnRealValuedData() {
        Keras.setRandomSeed(15);
        Random r = new Random(10);
        float[][] data = new float[200][6];
        for (float[] row : data) {
            double z = r.nextBoolean() ? 1.5 : -1.5;
            for (int j = 0; j < 6; j++) {
                row[j] = (float) ((j < 3 ? z : -z) + 0.3 * r.nextGaussian());
            }
        }
        INDArray x = Nd4j.createFromArray(data);
        RBM rbm = RBM.builder(6, 4).visibleUnits("gaussian").build();
        rbm.compile(new SGD(0.01, 0.5), "mse", "free_energy");
        double before = rbm.reconstructionError(x);
        rbm.fit(x, FitOptions.defaults().epochs(40).batchSize(20).verbose(0));
        double after = rbm.reconstructionError(x);
        assertTrue(after < 0.5 * before, "reconstruction error " + before + " -> " + after);
        // Gaussian free energy by hand for one sample: ½‖v - b‖² - Σ softplus(c + vW)
        List<INDArray> w = rbm.getWeights();
        double f = 0;
        for (int a = 0; a < 6; a++) {
            double d = data[0][a] - w.get(2).getDouble(a);
            f += 0.5 * d * d;
        }
        for (int j = 0; j < 4; j++) {
            double z = w.get(1).getDouble(j);
            for (int a = 0; a < 6; a++) {
                z += data[0][a] * w.get(0).getDouble(a, j);
            }
            f -= Math.log1p(Math.exp(z));
        }
        assertEquals(f, rbm.freeEnergy(x).getDouble(0), 1e-4);
        assertThrows(IllegalStateException.class, () -> rbm.pseudoLikelihood(x));
        INDArray sample = rbm.gibbs(x, 3);
        assertEquals(200, sample.size(0));
        assertFalse(sample.equals(rbm.reconstruct(x)), "Gibbs samples of Gaussian units carry noise");
    }

    @Test
    void gibbs_givesBinarySamplesOfTheRightShape() {
        Keras.setRandomSeed(16);
        RBM rbm = RBM.builder(VISIBLE, 5).build();
        rbm.compile(new SGD(0.1));
        INDArray s = rbm.gibbs(prototypes(7, 11), 4);
        assertTrue(java.util.Arrays.equals(new long[] {7, VISIBLE}, s.shape()));
        for (double v : s.reshape(-1).toDoubleVector()) {
            assertTrue(v == 0 || v == 1);
        }
        assertEquals(5, rbm.transform(prototypes(7, 11)).size(1));
    }

    @Test
    void saveAndLoad_roundTripWeightsAndCompileState(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(17);
        INDArray x = prototypes(60, 12);
        RBM rbm = RBM.builder(VISIBLE, 6).persistent(true).cdSteps(2).weightDecay(1e-4).sparsity(0.1, 0.01)
                .name("my_rbm").build();
        rbm.compile(new SGD(0.05, 0.9), "mse", "pseudo_likelihood");
        rbm.fit(x, FitOptions.defaults().epochs(2).batchSize(20).verbose(0));
        Path file = dir.resolve("rbm.k4rbm");
        rbm.save(file);
        RBM back = RBM.load(file);
        assertEquals("my_rbm", back.name());
        assertTrue(back.persistent());
        assertEquals(2, back.cdSteps());
        assertEquals(1e-4, back.weightDecay());
        assertEquals(0.1, back.sparsityTarget());
        for (int i = 0; i < 3; i++) {
            assertEquals(rbm.getWeights().get(i), back.getWeights().get(i));
        }
        assertEquals(rbm.network().optimizerState(), back.network().optimizerState());
        assertEquals(rbm.network().iterationCount(), back.network().iterationCount());
        assertEquals(0.9, ((SGD) back.optimizer()).momentum());
        assertEquals(List.of("pseudo_likelihood"), back.metrics().stream().map(m -> m.name()).toList());
        assertEquals(rbm.transform(x), back.transform(x));

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.k4rbm");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RBM.load(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path other = dir.resolve("other.bin");
        Files.writeString(other, "not an rbm");
        assertThrows(IllegalArgumentException.class, () -> RBM.load(other));
        assertThrows(IllegalArgumentException.class, () -> RBM.load(dir.resolve("missing")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void errors_nameTheArgument() {
        assertThrows(IllegalArgumentException.class, () -> RBM.builder(0, 3));
        assertThrows(IllegalArgumentException.class, () -> RBM.builder(3, 3).visibleUnits("poisson"));
        assertThrows(IllegalArgumentException.class, () -> RBM.builder(3, 3).cdSteps(0));
        RBM rbm = RBM.builder(VISIBLE, 3).build();
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> rbm.transform(noise(2, 1)));
        assertTrue(early.getMessage().contains("compile()"), early.getMessage());
        IllegalArgumentException adam = assertThrows(IllegalArgumentException.class, () -> rbm.compile(new Adam()));
        assertTrue(adam.getMessage().contains("SGD"), adam.getMessage());
        rbm.compile(new SGD(0.1));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> rbm.transform(Nd4j.ones(DataType.FLOAT, 2, 5)));
        assertTrue(width.getMessage().contains("16 visible units"), width.getMessage());
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> rbm.fit(Nd4j.ones(DataType.FLOAT, 2, 5), 1));
        assertTrue(fit.getMessage().contains("expected shape"), fit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rbm.setWeights(List.of(Nd4j.ones(3, 3))));
        assertThrows(UnsupportedOperationException.class, () -> rbm.apply(Keras.input(VISIBLE)));
        assertThrows(IllegalArgumentException.class, () -> rbm.gibbs(noise(2, 1), 0));
    }
}
