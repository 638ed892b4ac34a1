package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelCheckpointTest {
    @TempDir
    Path dir;
    private final INDArray[] data = TinyModels.data(2);

    private void fit(Sequential model, int epochs, Callback... callbacks) {
        model.fit(data[0], data[1], FitOptions.defaults().epochs(epochs).batchSize(16).verbose(0).callbacks(callbacks));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void saveBestOnly_writesOnlyImprovingEpochs() throws IOException {
        Sequential model = TinyModels.regression(1);
        ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("{epoch:02d}-{val_loss:.2f}.keras4j").toString())
                .withSaveBestOnly(true);
        fit(model, 5, TinyModels.script("val_loss", 0.5, 0.6, 0.4, 0.45, 0.3), ckpt);
        assertEquals(List.of("01-0.50.keras4j", "03-0.40.keras4j", "05-0.30.keras4j"), files());
        assertEquals(0.3, ckpt.best());
    }

    @Test
    void saveBestOnly_fixedPathHoldsTheBestEpochsModel() {
        Sequential model = TinyModels.regression(2);
        TinyModels.WeightRecorder recorder = new TinyModels.WeightRecorder();
        Path best = dir.resolve("best.keras4j");
        fit(model, 4, TinyModels.script("val_loss", 0.5, 0.2, 0.4, 0.3), recorder,
                new ModelCheckpoint(best).withSaveBestOnly(true));
        TinyModels.assertSameWeights(recorder.weights.get(1), Sequential.load(best).network().params());
    }

    @Test
    void everyEpoch_withoutSaveBestOnly() throws IOException {
        Sequential model = TinyModels.regression(1);
        fit(model, 3, new ModelCheckpoint(dir.resolve("m-{epoch}.keras4j").toString()));
        assertEquals(List.of("m-1.keras4j", "m-2.keras4j", "m-3.keras4j"), files());
    }

    @Test
    void initialValueThreshold_mustBeBeatenFirst() throws IOException {
        Sequential model = TinyModels.regression(1);
        fit(model, 3, TinyModels.script("val_loss", 0.5, 0.35, 0.2),
                new ModelCheckpoint(dir.resolve("{epoch}.keras4j").toString()).withSaveBestOnly(true)
                        .withInitialValueThreshold(0.4));
        assertEquals(List.of("2.keras4j", "3.keras4j"), files());
    }

    @Test
    void modeMax_savesOnHigherValues() throws IOException {
        Sequential model = TinyModels.regression(1);
        fit(model, 3, TinyModels.script("score", 0.5, 0.4, 0.7),
                new ModelCheckpoint(dir.resolve("{epoch}.keras4j").toString(), "score").withSaveBestOnly(true)
                        .withMode("max"));
        assertEquals(List.of("1.keras4j", "3.keras4j"), files());
    }

    @Test
    void saveWeightsOnly_writesAWeightsFileLoadableIntoTheArchitecture() {
        Sequential model = TinyModels.regression(3);
        Path weights = dir.resolve("w.weights");
        fit(model, 2, new ModelCheckpoint(weights).withSaveWeightsOnly(true));
        Sequential fresh = TinyModels.regression(99);
        fresh.loadWeights(weights);
        TinyModels.assertSameWeights(model.network().params(), fresh.network().params());
        assertThrows(IllegalArgumentException.class, () -> Sequential.load(weights));
    }

    @Test
    void functionalModel_savesWholeModelAndWeightsOnly() {
        org.keras4j.Functional model = functional();
        Path whole = dir.resolve("whole.keras4j");
        Path weights = dir.resolve("w.weights");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(16).verbose(0)
                .callbacks(new ModelCheckpoint(whole), new ModelCheckpoint(weights).withSaveWeightsOnly(true)));
        org.keras4j.Model loaded = org.keras4j.Model.load(whole);
        assertTrue(loaded instanceof org.keras4j.Functional, loaded.getClass().getName());
        TinyModels.assertSameWeights(model.network().params(), loaded.network().params());
        org.keras4j.Functional fresh = functional();
        fresh.loadWeights(weights);
        TinyModels.assertSameWeights(model.network().params(), fresh.network().params());
    }

    /** TinyModels.regression's shape of data, as a graph with a skip connection. */
    private org.keras4j.Functional functional() {
        org.keras4j.KerasTensor in = org.keras4j.Keras.input("x", data[0].size(1));
        org.keras4j.KerasTensor h = new org.keras4j.layers.core.Dense(4, "tanh").withName("h").apply(in);
        org.keras4j.KerasTensor joint = new org.keras4j.layers.merging.Concatenate().apply(in, h);
        org.keras4j.Functional m = new org.keras4j.Functional(in, new org.keras4j.layers.core.Dense(1).withName("out")
                .apply(joint));
        m.compile("adam", "mse");
        return m;
    }

    @Test
    void saveFreq_savesEveryNBatchesAcrossEpochs() throws IOException {
        Sequential model = TinyModels.regression(1);
        // 64 samples / 16 = 4 batches per epoch, 3 epochs = 12 batches: saves after batches 5 and 10
        fit(model, 3, new ModelCheckpoint(dir.resolve("e{epoch}-b{batch}.keras4j").toString()).withSaveFreq(5));
        assertEquals(List.of("e2-b1.keras4j", "e3-b2.keras4j"), files());
    }

    @Test
    void templateKeyNotLogged_failsNamingIt() {
        Sequential model = TinyModels.regression(1);
        ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("{val_accuracy:.2f}.keras4j").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(model, 1, ckpt));
        assertTrue(e.getMessage().contains("val_accuracy"), e.getMessage());
    }

    @Test
    void malformedTemplate_failsAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("ckpt-{epoch.keras4j"));
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("ckpt-{epoch:>>x}.keras4j"));
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        Sequential model = TinyModels.regression(1);
        fit(model, 2, new ModelCheckpoint(dir.resolve("m.keras4j")));
        assertFalse(files().stream().anyMatch(f -> f.endsWith(".tmp")), files().toString());
    }
}
