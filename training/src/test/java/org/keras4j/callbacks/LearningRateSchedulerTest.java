package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.optimizers.schedules.CosineDecay;
import org.keras4j.optimizers.schedules.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LearningRateSchedulerTest {
    private final INDArray[] data = TinyModels.data(4);

    @Test
    void kerasDocExample_endsAt0point00607() {
        // Keras's docstring: SGD (lr 0.01), 15 epochs, keep lr for 10 epochs then multiply by exp(-0.1)
        Sequential model = TinyModels.regression(1);
        model.optimizer().setLearningRate(0.01);
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
        History h = model.fit(data[0], data[1], FitOptions.defaults().epochs(15).verbose(0).callbacks(scheduler));
        assertEquals(0.00607, model.optimizer().getLearningRate(), 5e-6);
        assertEquals(0.01, h.get("learning_rate").get(9), 1e-12);
        assertEquals(0.01 * Math.exp(-0.1), h.get("learning_rate").get(10), 1e-12);
    }

    @Test
    void nonPositiveRate_throwsNamingTheEpoch() {
        Sequential model = TinyModels.regression(1);
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> epoch == 1 ? -1 : lr);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(data[0], data[1], FitOptions.defaults().epochs(3).verbose(0).callbacks(scheduler)));
        assertEquals("The output of the schedule function should be a positive finite learning rate. Got: -1.0 for"
                + " epoch 1", e.getMessage());
    }

    @Test
    void stepSchedule_setsEachBatchsRateFromTheStepCount() {
        Sequential model = TinyModels.regression(1);
        LearningRateSchedule schedule = new CosineDecay(0.0, 8).withWarmup(0.2, 4);
        List<Double> seen = new ArrayList<>();
        Callback recorder = new LambdaCallback()
                .withOnTrainBatchBegin((batch, logs) -> seen.add(model.optimizer().getLearningRate()));
        // 64 samples / 16 = 4 steps per epoch; 3 epochs = steps 0..11
        model.fit(data[0], data[1], FitOptions.defaults().epochs(3).batchSize(16).verbose(0)
                .callbacks(new LearningRateScheduleCallback(schedule), recorder));
        assertEquals(12, seen.size());
        for (int step = 0; step < 12; step++) {
            double expected = Math.max(schedule.learningRate(step), Double.MIN_NORMAL);
            assertEquals(expected, seen.get(step), 1e-15, "step " + step);
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        assertEquals(schedule.learningRate(11), net.getLearningRate(0), 1e-7);
    }
}
