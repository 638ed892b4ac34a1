package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.optimizers.Adam;
import org.keras4j.regularizers.Regularizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelArchiveTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential("regressor", new Input(3),
                new Dense(8, "relu").withKernelRegularizer(Regularizers.l2(1e-3)),
                new BatchNormalization(), new Dropout(0.1), new Dense(1));
    }

    private static INDArray x() {
        return Nd4j.linspace(-1, 1, 60, DataType.FLOAT).reshape(20, 3);
    }

    private static INDArray y() {
        return x().sum(true, 1);
    }

    @Test
    void saveThenLoad_restoresArchitecturePredictionsAndOptimizerState() {
        Keras.setRandomSeed(4);
        Sequential model = model();
        model.compile(new Adam(0.01), "mse");
        model.fit(x(), y(), FitOptions.defaults().epochs(3).batchSize(5).verbose(0));
        Path file = dir.resolve("model.keras4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals("regressor", loaded.name());
        assertEquals(model.summaryText(), loaded.summaryText());
        assertEquals(model.predict(x()), loaded.predict(x()));
        assertEquals(model.network().optimizerState(), loaded.network().optimizerState());
        assertEquals(0.01, loaded.optimizer().getLearningRate(), 1e-12);

        // training on from the restored state gives what uninterrupted training gives
        FitOptions more = FitOptions.defaults().epochs(1).batchSize(20).shuffle(false).verbose(0);
        Keras.setRandomSeed(9);
        model.fit(x(), y(), more);
        Keras.setRandomSeed(9);
        loaded.fit(x(), y(), more);
        assertTrue(model.getWeights().equalsWithEps(loaded.getWeights(), 1e-6));
    }

    @Test
    void saveWeightsThenLoadWeights_intoFreshModel_givesSamePredictions() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Sequential other = model();
        other.compile("adam", "mse");
        other.loadWeights(file);
        assertEquals(model.predict(x()), other.predict(x()));
    }

    @Test
    void loadWeights_ofOtherArchitecture_namesBothSizes() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        Sequential small = new Sequential(new Input(3), new Dense(1));
        small.compile("adam", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.loadWeights(file));
        assertTrue(e.getMessage().contains("4 parameters"), e.getMessage());
    }

    @Test
    void load_truncatedFile_failsClearly() throws IOException {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("model.keras4j");
        model.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.keras4j");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(truncated));
        assertTrue(e.getMessage().contains("not a valid keras4j model file"), e.getMessage());
    }

    @Test
    void load_foreignFile_failsClearly() throws IOException {
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "hello, not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(foreign));
        assertTrue(e.getMessage().contains("not a valid keras4j model file"), e.getMessage());
    }

    @Test
    void load_missingFile_namesPath() {
        Path missing = dir.resolve("nope.keras4j");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(missing));
        assertTrue(e.getMessage().contains("nope.keras4j"), e.getMessage());
    }

    @Test
    void load_weightsOnlyFileAsModel_explainsLoadWeights() {
        Sequential model = model();
        model.compile("adam", "mse");
        Path file = dir.resolve("w.keras4j");
        model.saveWeights(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("loadWeights"), e.getMessage());
    }

    @Test
    void failedWrite_leavesNoTemporaryFileAndKeepsOldContent() throws IOException {
        Path file = dir.resolve("keep.bin");
        Files.writeString(file, "old");
        assertThrows(RuntimeException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void plainSgdModel_withoutOptimizerState_roundTrips() {
        Sequential model = new Sequential(new Input(3), new Dense(1));
        model.compile(new org.keras4j.optimizers.SGD(0.05), "mse");
        Path file = dir.resolve("sgd.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.predict(x()), loaded.predict(x()));
        assertEquals(0.05, loaded.optimizer().getLearningRate(), 1e-12);
    }
}
