package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A model with GRUs (and an LSTM on keras4j's own layer) saved and loaded keeps its configuration and weights. */
class ModelArchiveRecurrentTest {

    @Test
    void gruModel_saveThenLoad_keepsConfigWeightsAndPredictions(@TempDir Path dir) {
        Keras.setRandomSeed(5);
        Sequential model = new Sequential(new Input(6, 3),
                new GRU(4).withReturnSequences(true).withGoBackwards(true).withDropout(0.1),
                new LSTM(3).withReturnSequences(true).withUseBias(false),
                new GRU(5, "relu").withResetAfter(false),
                new Dense(2));
        model.compile("adam", "mse");
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 2);
        model.fit(x, y, FitOptions.defaults().epochs(2).batchSize(8).verbose(0));

        Path file = dir.resolve("gru.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.summaryText(), loaded.summaryText());
        for (int i = 0; i < model.layers().size(); i++) {
            Layer original = model.layers().get(i);
            Layer back = loaded.layers().get(i);
            assertEquals(original.getConfig(), back.getConfig(), original.name());
            List<INDArray> weights = original.getWeights();
            for (int w = 0; w < weights.size(); w++) {
                assertEquals(weights.get(w), back.getWeights().get(w), original.name() + " weight " + w);
            }
        }
        assertEquals(model.predict(x), loaded.predict(x));
    }
}
