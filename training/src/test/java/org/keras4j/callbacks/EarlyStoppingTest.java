package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EarlyStoppingTest {
    private final INDArray[] data = TinyModels.data(1);

    private History fit(Sequential model, int epochs, Callback... callbacks) {
        return model.fit(data[0], data[1], FitOptions.defaults().epochs(epochs).batchSize(16).verbose(0).callbacks(callbacks));
    }

    @Test
    void patience2_stopsTwoEpochsAfterTheLastImprovement() {
        Sequential model = TinyModels.regression(1);
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(2);
        // best at epoch 1; epochs 2 and 3 do not improve: stop at epoch 3 (0-based), 4 epochs run
        History h = fit(model, 10, TinyModels.script("val_loss", 1.0, 0.8, 0.9, 0.85, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1), stop);
        assertEquals(4, h.size());
        assertEquals(3, stop.stoppedEpoch());
        assertEquals(1, stop.bestEpoch());
        assertEquals(0.8, stop.best());
    }

    @Test
    void patience0_stopsAtTheFirstEpochWithoutImprovement() {
        Sequential model = TinyModels.regression(1);
        EarlyStopping stop = new EarlyStopping("loss");
        History h = fit(model, 10, TinyModels.script("loss", 3, 2, 2, 1, 1, 1, 1, 1, 1, 1), stop);
        assertEquals(3, h.size());
        assertEquals(2, stop.stoppedEpoch());
    }

    @Test
    void minDelta_smallImprovementsDoNotCount() {
        Sequential model = TinyModels.regression(1);
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(1).withMinDelta(0.1);
        History h = fit(model, 10, TinyModels.script("val_loss", 1.0, 0.95, 0.5, 0.45, 0, 0, 0, 0, 0, 0), stop);
        // 0.95 is not 0.1 better than 1.0: stop at epoch 1
        assertEquals(2, h.size());
    }

    @Test
    void restoreBestWeights_putsBackTheBestEpochsWeightsWhenStopping() {
        Sequential model = TinyModels.regression(2);
        TinyModels.WeightRecorder recorder = new TinyModels.WeightRecorder();
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(2).withRestoreBestWeights(true);
        fit(model, 10, TinyModels.script("val_loss", 1.0, 0.5, 0.7, 0.8, 0, 0, 0, 0, 0, 0), recorder, stop);
        assertEquals(4, recorder.weights.size());
        TinyModels.assertSameWeights(recorder.weights.get(1), model.network().params());
    }

    @Test
    void restoreBestWeights_alsoWhenEpochsRunOutBeforePatience() {
        Sequential model = TinyModels.regression(3);
        TinyModels.WeightRecorder recorder = new TinyModels.WeightRecorder();
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(10).withRestoreBestWeights(true);
        History h = fit(model, 5, TinyModels.script("val_loss", 1.0, 0.9, 0.3, 0.6, 0.7), recorder, stop);
        assertEquals(5, h.size());
        assertEquals(0, stop.stoppedEpoch());
        TinyModels.assertSameWeights(recorder.weights.get(2), model.network().params());
    }

    @Test
    void baselineNeverBeaten_stopsAfterPatienceAndRestoresBestOfThose() {
        Sequential model = TinyModels.regression(4);
        TinyModels.WeightRecorder recorder = new TinyModels.WeightRecorder();
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(3).withBaseline(0.1).withRestoreBestWeights(true);
        History h = fit(model, 10, TinyModels.script("val_loss", 0.5, 0.4, 0.45, 0.6, 0, 0, 0, 0, 0, 0), recorder, stop);
        assertEquals(3, h.size());
        assertEquals(2, stop.stoppedEpoch());
        TinyModels.assertSameWeights(recorder.weights.get(1), model.network().params());
    }

    @Test
    void startFromEpoch_ignoresTheWarmUpEpochs() {
        Sequential model = TinyModels.regression(1);
        EarlyStopping stop = new EarlyStopping("val_loss").withStartFromEpoch(3);
        // epochs 0..2 get worse but are not monitored; epoch 3 sets the best, epoch 4 does not improve
        History h = fit(model, 10, TinyModels.script("val_loss", 0.1, 0.2, 0.3, 0.5, 0.6, 0, 0, 0, 0, 0), stop);
        assertEquals(5, h.size());
    }

    @Test
    void autoMode_maximisesAccuracy() {
        Sequential model = TinyModels.regression(1);
        model.compile(new org.keras4j.optimizers.SGD(0.05), "mse", "accuracy");
        EarlyStopping stop = new EarlyStopping("val_accuracy");
        History h = fit(model, 10, TinyModels.script("val_accuracy", 0.5, 0.6, 0.55, 0, 0, 0, 0, 0, 0, 0), stop);
        assertEquals(3, h.size());
        assertEquals(0.6, stop.best());
    }

    /** A model with two outputs logs {@code <output>_loss} and {@code <output>_<metric>}: auto mode knows both. */
    @Test
    void autoMode_knowsEachOutputsLossAndMetricsOfAGraphModel() {
        org.keras4j.KerasTensor in = org.keras4j.Keras.input(data[0].size(1));
        org.keras4j.KerasTensor a = new org.keras4j.layers.core.Dense(1).withName("a").apply(in);
        org.keras4j.KerasTensor b = new org.keras4j.layers.core.Dense(1).withName("b").apply(in);
        org.keras4j.Functional model = new org.keras4j.Functional(java.util.List.of(in), java.util.List.of(a, b));
        model.compile("sgd", java.util.List.of("mse", "mse"), null,
                java.util.List.of(java.util.List.of("accuracy"), java.util.List.of()));
        java.util.List<INDArray> y = java.util.List.of(data[1], data[1]);
        EarlyStopping byAccuracy = new EarlyStopping("val_a_accuracy");
        History h = model.fit(java.util.List.of(data[0]), y, FitOptions.defaults().epochs(10).batchSize(16).verbose(0)
                .callbacks(TinyModels.script("val_a_accuracy", 0.5, 0.6, 0.55, 0, 0, 0, 0, 0, 0, 0), byAccuracy));
        assertEquals(3, h.size(), "accuracy is maximised");
        EarlyStopping byLoss = new EarlyStopping("val_b_loss");
        h = model.fit(java.util.List.of(data[0]), y, FitOptions.defaults().epochs(10).batchSize(16).verbose(0)
                .callbacks(TinyModels.script("val_b_loss", 1.0, 0.5, 0.6, 9, 9, 9, 9, 9, 9, 9), byLoss));
        assertEquals(3, h.size(), "an output's loss is minimised");
    }

    @Test
    void autoMode_unknownQuantity_asksForAMode() {
        Sequential model = TinyModels.regression(1);
        EarlyStopping stop = new EarlyStopping("my_score");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit(model, 3, TinyModels.script("my_score", 1, 2, 3), stop));
        assertTrue(e.getMessage().contains("Pass mode \"max\""), e.getMessage());
    }

    @Test
    void unknownMode_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping().withMode("maximum"));
        assertEquals("mode must be one of \"auto\", \"min\", \"max\", got 'maximum'", e.getMessage());
    }

    @Test
    void reusedInstance_startsOverAtEachFit() {
        Sequential model = TinyModels.regression(1);
        EarlyStopping stop = new EarlyStopping("loss").withPatience(1);
        fit(model, 5, TinyModels.script("loss", 1, 2, 3, 4, 5), stop);
        History second = fit(model, 5, TinyModels.script("loss", 9, 8, 7, 6, 5), stop);
        assertEquals(5, second.size());
    }
}
