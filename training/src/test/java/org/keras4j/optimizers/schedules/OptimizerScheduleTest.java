package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerScheduleTest {
    @TempDir
    Path dir;

    private static final INDArray X = Nd4j.linspace(-1, 1, 8, DataType.FLOAT).reshape(4, 2);
    private static final INDArray Y = X.sum(true, 1);

    private static Sequential model(SGD sgd) {
        Keras.setRandomSeed(21);
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile(sgd, "mse");
        return model;
    }

    @Test
    void scheduleAsLearningRate_isEvaluatedPerStep() {
        // 0.1 for the first step, 0 afterwards: five steps must equal one step at 0.1
        Sequential scheduled = model(new SGD(0.5));
        scheduled.optimizer().withLearningRateSchedule(new PiecewiseConstantDecay(new long[] {0}, new double[] {0.1, 0.0}));
        scheduled.fit(X, Y, FitOptions.defaults().epochs(5).batchSize(4).verbose(0));

        Sequential once = model(new SGD(0.1));
        once.fit(X, Y, FitOptions.defaults().epochs(1).batchSize(4).verbose(0));
        assertTrue(scheduled.network().params().equalsWithEps(once.network().params(), 1e-7),
                scheduled.getWeights() + " vs " + once.getWeights());
    }

    @Test
    void scheduledOptimizer_survivesSaveAndLoad() {
        Sequential model = model(new SGD(0.5));
        ExponentialDecay decay = new ExponentialDecay(0.1, 10, 0.5);
        model.optimizer().withLearningRateSchedule(decay);
        Path file = dir.resolve("scheduled.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(decay.learningRate(20), loaded.optimizer().learningRateAt(20), 1e-12);
    }
}
