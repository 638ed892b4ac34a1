package org.keras4j.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small models, data and scripted callbacks shared by the training tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /**
     * A seeded 3-8-1 regression MLP compiled with SGD(0.05, momentum 0.9) and mse. Momentum gives the
     * optimizer a state for checkpoints to carry (and plain SGD cannot be saved yet: ModelArchive bug R0).
     */
    public static Sequential regression(long seed) {
        Keras.setRandomSeed(seed);
        Sequential model = new Sequential(new Input(3), new Dense(8, "tanh"), new Dense(1));
        model.compile(new SGD(0.05, 0.9), "mse");
        return model;
    }

    /** 64 samples of a smooth target of 3 features, seeded. */
    public static INDArray[] data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 3);
        INDArray y = x.sum(true, 1).reshape(64, 1).mul(0.5).sub(0.3);
        return new INDArray[] {x, y};
    }

    /**
     * Overwrites {@code key} in each epoch's logs with the scripted value, as if the model had logged it.
     * Put it before the callbacks under test.
     */
    public static Callback script(String key, double... values) {
        return new LambdaCallback().withOnEpochEnd((epoch, logs) -> logs.put(key, values[epoch]));
    }

    /** Exact, element by element: restored weights must be the very same floats. */
    public static void assertSameWeights(INDArray expected, INDArray actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.toFloatVector(), actual.toFloatVector());
    }

    /** Records a copy of the weights at each epoch end. */
    public static final class WeightRecorder implements Callback {
        public final List<INDArray> weights = new ArrayList<>();
        private org.keras4j.Model model;

        @Override
        public void setModel(org.keras4j.Model model) {
            this.model = model;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            weights.add(model.network().params());
        }
    }
}
