package org.keras4j.training;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.callbacks.TinyModels;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingCheckpointTest {
    @TempDir
    Path dir;
    private final INDArray[] data = TinyModels.data(11);

    private Sequential trainedAdamModel(History[] history) {
        Keras.setRandomSeed(5);
        Sequential model = new Sequential(new Input(3), new Dense(6, "relu"), new Dense(1));
        model.compile(new Adam(0.01), "mse");
        history[0] = model.fit(data[0], data[1], FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
        return model;
    }

    @Test
    void saveLoad_roundTripsEveryPartOfTheState() {
        History[] h = new History[1];
        Sequential model = trainedAdamModel(h);
        model.optimizer().setLearningRate(0.003);
        Nd4j.getRandom().setSeed(77);
        Path file = dir.resolve("ckpt");
        TrainingCheckpoint.capture(model, 3, 0, h[0]).save(file);
        double[] nextDraws = Nd4j.rand(1, 5).toDoubleVector();

        TrainingCheckpoint loaded = TrainingCheckpoint.load(file);
        assertEquals(3, loaded.epoch());
        assertEquals(0, loaded.batch());
        assertEquals(0.003, loaded.learningRate());
        assertEquals(h[0].history(), loaded.history().history());
        assertEquals(h[0].epochs(), loaded.history().epochs());

        Model standalone = loaded.model();
        assertTrue(standalone instanceof Sequential, standalone.getClass().getName());
        assertArrayEquals(model.network().params().toFloatVector(), standalone.network().params().toFloatVector());
        assertArrayEquals(model.network().optimizerState().toFloatVector(),
                standalone.network().optimizerState().toFloatVector());
        assertEquals(model.network().iterationCount(), standalone.network().iterationCount());
        assertEquals(0.003, standalone.optimizer().getLearningRate());

        Nd4j.getRandom().setSeed(1);
        Keras.setRandomSeed(123);
        Sequential other = new Sequential(new Input(3), new Dense(6, "relu"), new Dense(1));
        other.compile(new Adam(0.01), "mse");
        loaded.restoreInto(other);
        assertArrayEquals(model.network().params().toFloatVector(), other.network().params().toFloatVector());
        assertArrayEquals(model.network().optimizerState().toFloatVector(), other.network().optimizerState().toFloatVector());
        assertEquals(model.network().iterationCount(), other.network().iterationCount());
        assertEquals(0.003, other.optimizer().getLearningRate());
        // ND4J's generator continues where it was at capture
        assertArrayEquals(nextDraws, Nd4j.rand(1, 5).toDoubleVector());
    }

    @Test
    void truncatedFile_failsClearly_atEveryLength() throws IOException {
        History[] h = new History[1];
        Sequential model = trainedAdamModel(h);
        Path file = dir.resolve("ckpt");
        TrainingCheckpoint.capture(model, 3, 0, h[0]).save(file);
        byte[] full = Files.readAllBytes(file);
        for (int length : new int[] {0, 10, full.length / 3, full.length / 2, full.length - 30, full.length - 1}) {
            Path cut = dir.resolve("cut-" + length);
            Files.write(cut, Arrays.copyOf(full, length));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.load(cut),
                    "length " + length);
            assertTrue(e.getMessage().contains("not a valid keras4j training checkpoint"), e.getMessage());
        }
    }

    @Test
    void missingFile_saysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.load(dir.resolve("nothing")));
        assertTrue(e.getMessage().startsWith("No checkpoint file at"), e.getMessage());
    }

    @Test
    void restoreIntoAnotherArchitecture_fails() {
        History[] h = new History[1];
        Sequential model = trainedAdamModel(h);
        TrainingCheckpoint ckpt = TrainingCheckpoint.capture(model, 3, 0, h[0]);
        Sequential wider = new Sequential(new Input(3), new Dense(7, "relu"), new Dense(1));
        wider.compile(new Adam(0.01), "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ckpt.restoreInto(wider));
        assertTrue(e.getMessage().contains("the checkpoint holds 31 parameters"), e.getMessage());
    }

    @Test
    void restoreInto_sameCountOtherLayerNames_listsThemAndNamesNoTemporaryFile() {
        History[] h = new History[1];
        Sequential model = trainedAdamModel(h);
        TrainingCheckpoint ckpt = TrainingCheckpoint.capture(model, 3, 0, h[0]);
        Sequential renamed = new Sequential(new Input(3), new Dense(6, "relu").withName("hidden"),
                new Dense(1).withName("out"));
        renamed.compile(new Adam(0.01), "mse");
        List<INDArray> before = renamed.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ckpt.restoreInto(renamed));
        assertTrue(e.getMessage().startsWith("the checkpoint's model does not hold the weights of model 'sequential'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("missing [hidden, out]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [dense, dense_1]"), e.getMessage());
        assertEquals(before, renamed.getWeights());
    }

    @Test
    void functionalModel_capturesLoadsAndRestoresIntoTheSameGraph() {
        Keras.setRandomSeed(8);
        org.keras4j.Functional model = functional();
        History h = model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        Path file = dir.resolve("ckpt");
        TrainingCheckpoint.capture(model, 2, 0, h).save(file);
        TrainingCheckpoint loaded = TrainingCheckpoint.load(file);
        Model standalone = loaded.model();
        assertTrue(standalone instanceof org.keras4j.Functional, standalone.getClass().getName());
        assertArrayEquals(model.network().params().toFloatVector(), standalone.network().params().toFloatVector());
        org.keras4j.Functional other = functional();
        loaded.restoreInto(other);
        assertArrayEquals(model.network().params().toFloatVector(), other.network().params().toFloatVector());
        assertArrayEquals(model.network().optimizerState().toFloatVector(), other.network().optimizerState().toFloatVector());
        assertEquals(model.network().iterationCount(), other.network().iterationCount());
    }

    private org.keras4j.Functional functional() {
        org.keras4j.KerasTensor in = Keras.input("x", data[0].size(1));
        org.keras4j.KerasTensor a = new Dense(6, "relu").withName("a").apply(in);
        org.keras4j.KerasTensor b = new Dense(6, "tanh").withName("b").apply(in);
        org.keras4j.KerasTensor sum = new org.keras4j.layers.merging.Add().apply(a, b);
        org.keras4j.Functional m = new org.keras4j.Functional(in, new Dense(1).withName("out").apply(sum));
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    @Test
    void modelFile_isNotACheckpoint() {
        History[] h = new History[1];
        Sequential model = trainedAdamModel(h);
        Path file = dir.resolve("m.keras4j");
        model.save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.load(file));
        assertTrue(e.getMessage().contains("has no checkpoint.json"), e.getMessage());
    }
}
