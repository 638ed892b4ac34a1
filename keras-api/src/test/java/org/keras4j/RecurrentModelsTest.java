package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Whole recurrent models: Keras's summaries, layouts between layers, training, save and load. */
class RecurrentModelsTest {

    @Test
    void w3Lstm_summaryAndDl4jNetwork_matchKerasCounts() {
        // Keras: lstm (None, 128) 98,816; dense (None, 10) 1,290; total 100,106
        Sequential model = new Sequential(new Input(50, 64), new LSTM(128), new Dense(10, "softmax"));
        String text = model.summaryText();
        assertTrue(text.contains("(None, 128)") && text.contains("98,816"), text);
        assertTrue(text.contains("(None, 10)") && text.contains("1,290"), text);
        assertTrue(text.contains("Total params: 100,106"), text);
        model.compile("adam", "sparse_categorical_crossentropy");
        assertEquals(100_106, model.network().numParams());
        assertArrayEquals(new long[] {2, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 2, 50, 64)).shape());
    }

    @Test
    void stackedRecurrentLayers_summaryMatchesKerasAndEachLayerReadsThePreviousSequence() {
        // Keras: lstm (None, 20, 16) 1,600; simple_rnn (None, 8) 200; dense (None, 1) 9
        Sequential stacked = new Sequential(new Input(20, 8), new LSTM(16).withReturnSequences(true), new SimpleRNN(8),
                new Dense(1));
        String text = stacked.summaryText();
        assertTrue(text.contains("(None, 20, 16)") && text.contains("1,600"), text);
        assertTrue(text.contains("(None, 8)") && text.contains("200"), text);
        assertTrue(text.contains("Total params: 1,809"), text);
        stacked.compile("sgd", "mse");

        // the same weights split into two models: the second reads the first's (None, 20, 16) predictions
        Sequential first = new Sequential(new Input(20, 8), new LSTM(16).withReturnSequences(true));
        Sequential second = new Sequential(new Input(20, 16), new SimpleRNN(8), new Dense(1));
        first.compile("sgd", "mse");
        second.compile("sgd", "mse");
        INDArray w = stacked.network().params().reshape(-1);
        first.network().setParams(w.get(NDArrayIndex.interval(0, 1_600)));
        second.network().setParams(w.get(NDArrayIndex.interval(1_600, 1_809)));
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 20, 8).subi(0.5);
        assertTrue(stacked.predict(x).equalsWithEps(second.predict(first.predict(x)), 1e-5));
    }

    @Test
    void lstmAfterConv1D_readsTheConvolutionOutputInKerasOrder() {
        Sequential both = new Sequential(new Input(12, 3), new Conv1D(5, 3, "relu"), new LSTM(4));
        both.compile("sgd", "mse");
        Sequential conv = new Sequential(new Input(12, 3), new Conv1D(5, 3, "relu"));
        Sequential lstm = new Sequential(new Input(10, 5), new LSTM(4));
        conv.compile("sgd", "mse");
        lstm.compile("sgd", "mse");
        INDArray w = both.network().params().reshape(-1);
        long convParams = 3 * 3 * 5 + 5;
        conv.network().setParams(w.get(NDArrayIndex.interval(0, convParams)));
        lstm.network().setParams(w.get(NDArrayIndex.interval(convParams, w.length())));
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 12, 3);
        assertTrue(both.predict(x).equalsWithEps(lstm.predict(conv.predict(x)), 1e-5));
    }

    @Test
    void lstm_learnsToRememberTheFirstStep() {
        Keras.setRandomSeed(4);
        INDArray[] train = firstStepSign(256, 1);
        INDArray[] test = firstStepSign(200, 2);
        Sequential model = new Sequential(new Input(8, 1), new LSTM(8), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.02), "binary_crossentropy", "accuracy");
        List<Double> loss = model.fit(train[0], train[1], FitOptions.defaults().epochs(25).batchSize(32).verbose(0))
                .history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "loss " + loss);
        double accuracy = model.evaluate(test[0], test[1]).get("accuracy");
        assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
    }

    @Test
    void simpleRnnSequenceOutput_trainsOnPerStepTargets() {
        // whether each step's input is positive, and whether it is not: targets of shape (None, 6, 2)
        Keras.setRandomSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 6, 1).subi(0.5);
        INDArray y = Nd4j.concat(2, x.gt(0), x.lte(0)).castTo(DataType.FLOAT);
        Sequential model = new Sequential(new Input(6, 1), new SimpleRNN(2, "sigmoid").withReturnSequences(true));
        model.compile(new Adam(0.05), "binary_crossentropy");
        List<Double> loss = model.fit(x, y, FitOptions.defaults().epochs(20).batchSize(32).verbose(0)).history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.7 * loss.get(0), "loss " + loss);
        assertArrayEquals(new long[] {128, 6, 2}, model.predict(x).shape());
    }

    @Test
    void lstm_saveThenLoad_givesSamePredictionsAndKeepsTraining(@TempDir Path dir) {
        Keras.setRandomSeed(9);
        INDArray[] data = firstStepSign(64, 3);
        Sequential model = new Sequential(new Input(8, 1),
                new LSTM(6, "relu").withRecurrentActivation("hard_sigmoid").withUnitForgetBias(false).withReturnSequences(true),
                new SimpleRNN(4), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        Path file = dir.resolve("lstm.keras4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals(model.summaryText(), loaded.summaryText());
        assertEquals(model.getLayer(0).getConfig(), loaded.getLayer(0).getConfig());
        assertEquals(model.predict(data[0]), loaded.predict(data[0]));
        FitOptions more = FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0);
        model.fit(data[0], data[1], more);
        loaded.fit(data[0], data[1], more);
        assertTrue(model.network().params().equalsWithEps(loaded.network().params(), 1e-5));
    }

    @Test
    void denseAfterReturnSequences_appliesToEachStep() {
        // Keras: lstm (None, 5, 4) 128; dense (None, 5, 2) 10
        Sequential model = new Sequential(new Input(5, 3), new LSTM(4).withReturnSequences(true), new Dense(2));
        String text = model.summaryText();
        assertTrue(text.contains("(None, 5, 2)") && text.contains("Total params: 138"), text);
    }

    /** Sequences of 8 steps of U(-1, 1) noise; the label is 1 when the first step is positive. */
    private static INDArray[] firstStepSign(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 8, 1).muli(2).subi(1);
        INDArray y = x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).gt(0).castTo(DataType.FLOAT);
        return new INDArray[] {x, y.reshape(n, 1)};
    }
}
