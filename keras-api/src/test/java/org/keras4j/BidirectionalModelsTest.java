package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.core.Masking;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Whole models with {@code Bidirectional}: the summaries of Keras's "Working with RNNs" guide,
 * training, freezing, save and load.
 */
class BidirectionalModelsTest {

    @Test
    void rnnGuideBidirectionalModel_summaryMatchesKeras() {
        // the guide: Bidirectional(LSTM(64, return_sequences=True), input_shape=(5, 10)), Bidirectional(LSTM(32)),
        // Dense(10). Keras: bidirectional (None, 5, 128) 38,400; bidirectional_1 (None, 64) 41,216; dense 650
        Sequential model = new Sequential(
                new Bidirectional(new LSTM(64).withReturnSequences(true)).withInputShape(5, 10),
                new Bidirectional(new LSTM(32)),
                new Dense(10));
        assertEquals(2 * 4 * (64 * (10 + 64) + 64), 38_400);
        assertEquals(2 * 4 * (32 * (128 + 32) + 32), 41_216);
        String text = model.summaryText();
        assertTrue(row(text, "bidirectional (Bidirectional)").contains("(None, 5, 128)")
                && row(text, "bidirectional (Bidirectional)").contains("38,400"), text);
        assertTrue(row(text, "bidirectional_1").contains("(None, 64)") && row(text, "bidirectional_1").contains("41,216"),
                text);
        assertTrue(row(text, "dense (Dense)").contains("(None, 10)") && row(text, "dense (Dense)").contains("650"), text);
        assertTrue(text.contains("Total params: 80,266"), text);
        model.compile("rmsprop", "mse");
        assertEquals(80_266, model.network().numParams());
        assertArrayEquals(new long[] {2, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 2, 5, 10)).shape());
    }

    @Test
    void rnnGuideBidirectionalModel_asFunctional_countsTheSame() {
        KerasTensor in = Keras.input(5, 10);
        KerasTensor x = new Bidirectional(new LSTM(64).withReturnSequences(true)).apply(in);
        x = new Bidirectional(new LSTM(32)).apply(x);
        Functional model = new Functional(in, new Dense(10).apply(x));
        assertEquals(80_266, model.countParams());
        model.compile("adam", "mse");
        assertEquals(80_266, model.network().numParams());
        assertArrayEquals(new long[] {3, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 3, 5, 10)).shape());
    }

    @Test
    void rnnGuideMnistLstmModel_summaryMatchesKeras() {
        // the guide's build_model(): LSTM(64, input_shape=(None, 28)), BatchNormalization(), Dense(10); keras4j
        // needs the number of steps, 28 rows of an MNIST digit. Keras: lstm (None, 64) 23,808;
        // batch_normalization (None, 64) 256; dense (None, 10) 650; 24,714 of which 128 non-trainable
        Sequential model = new Sequential(new LSTM(64).withInputShape(28, 28), new BatchNormalization(), new Dense(10));
        assertEquals(4 * (64 * (28 + 64) + 64), 23_808);
        String text = model.summaryText();
        assertTrue(row(text, "lstm (LSTM)").contains("(None, 64)") && row(text, "lstm (LSTM)").contains("23,808"), text);
        assertTrue(row(text, "batch_normalization").contains("256"), text);
        assertTrue(row(text, "dense (Dense)").contains("650"), text);
        assertTrue(text.contains("Total params: 24,714") && text.contains("Trainable params: 24,586")
                && text.contains("Non-trainable params: 128"), text);
    }

    @Test
    void bidirectional_learnsWhatNeedsBothEnds() {
        // the label is whether the first and the last step sum to more than 0: one direction alone must carry a value
        // across the whole sequence, the two together each hold one end
        Keras.setRandomSeed(4);
        INDArray[] data = bothEnds(256, 1);
        Sequential model = new Sequential(new Input(8, 1), new Bidirectional(new LSTM(8)), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.02), "binary_crossentropy", "accuracy");
        List<Double> loss = model.fit(data[0], data[1], FitOptions.defaults().epochs(15).batchSize(32).verbose(0))
                .history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "loss " + loss);
    }

    @Test
    void frozenBidirectional_keepsItsWeightsThroughFit() {
        Keras.setRandomSeed(5);
        INDArray[] data = bothEnds(64, 2);
        Bidirectional frozen = new Bidirectional(new LSTM(4).withReturnSequences(true), "sum");
        frozen.setTrainable(false);
        Sequential model = new Sequential(new Input(8, 1), frozen, new Bidirectional(new SimpleRNN(3)), new Dense(1));
        model.compile(new Adam(0.05), "mse");
        List<INDArray> before = frozen.getWeights();
        List<INDArray> headBefore = model.getLayer(1).getWeights();
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        assertEquals(before, frozen.getWeights());
        assertTrue(!headBefore.equals(model.getLayer(1).getWeights()), "the trainable layer after it did not train");
        assertTrue(model.summaryText().contains("Non-trainable params: 192"), model.summaryText());
    }

    @Test
    void saveThenLoad_keepsConfigWeightsAndPredictions(@TempDir Path dir) {
        Keras.setRandomSeed(9);
        INDArray[] data = bothEnds(64, 3);
        Sequential model = new Sequential(new Input(8, 1),
                new Bidirectional(new LSTM(4, "relu").withReturnSequences(true).withRecurrentActivation("hard_sigmoid"), "sum"),
                new Bidirectional(new SimpleRNN(3), "mul", new SimpleRNN(3, "relu").withGoBackwards(true)),
                new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(1).batchSize(16).verbose(0));
        Path file = dir.resolve("bidirectional.keras4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals(model.summaryText(), loaded.summaryText());
        for (int i = 0; i < 2; i++) {
            assertEquals(model.getLayer(i).getConfig(), loaded.getLayer(i).getConfig());
            assertEquals(model.getLayer(i).getWeights(), loaded.getLayer(i).getWeights());
        }
        assertEquals("relu", ((Bidirectional) loaded.getLayer(1)).backwardLayer().activation().name());
        assertEquals(model.predict(data[0]), loaded.predict(data[0]));
    }

    @Test
    void bidirectionalGru_onKeras4jsLayers_learnsWhatNeedsBothEnds() {
        Keras.setRandomSeed(4);
        INDArray[] data = bothEnds(256, 1);
        Sequential model = new Sequential(new Input(8, 1), new Bidirectional(new GRU(8)), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.02), "binary_crossentropy", "accuracy");
        List<Double> loss = model.fit(data[0], data[1], FitOptions.defaults().epochs(15).batchSize(32).verbose(0))
                .history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "loss " + loss);
    }

    @Test
    void frozenBidirectionalGru_keepsItsWeightsThroughFit() {
        Keras.setRandomSeed(5);
        INDArray[] data = bothEnds(64, 2);
        Bidirectional frozen = new Bidirectional(new GRU(4).withReturnSequences(true), "concat");
        frozen.setTrainable(false);
        Sequential model = new Sequential(new Input(8, 1), frozen, new Bidirectional(new GRU(3)), new Dense(1));
        model.compile(new Adam(0.05), "mse");
        List<INDArray> before = frozen.getWeights();
        List<INDArray> headBefore = model.getLayer(1).getWeights();
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        assertEquals(before, frozen.getWeights());
        assertTrue(!headBefore.equals(model.getLayer(1).getWeights()), "the trainable layer after it did not train");
    }

    @Test
    void maskedBidirectionalGru_saveThenLoad_keepsWeightsAndPredictions(@TempDir Path dir) {
        Keras.setRandomSeed(10);
        INDArray[] data = bothEnds(32, 4);
        data[0].get(NDArrayIndex.interval(0, 16), NDArrayIndex.interval(5, 8), NDArrayIndex.all()).assign(0); // padding
        Sequential model = new Sequential(new Input(8, 1), new Masking(),
                new Bidirectional(new GRU(3), "sum", new GRU(3, "relu").withGoBackwards(true)), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(1).batchSize(16).verbose(0));
        Path file = dir.resolve("bidirectional-gru.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.getLayer(1).getWeights(), loaded.getLayer(1).getWeights());
        assertEquals(model.predict(data[0]), loaded.predict(data[0]));
    }

    /** The row of the summary table that starts with {@code layer}. */
    private static String row(String summary, String layer) {
        for (String line : summary.split("\n")) {
            if (line.startsWith("│ " + layer)) {
                return line;
            }
        }
        return "(no row for " + layer + ")";
    }

    /** Sequences of 8 steps of U(-1, 1) noise; the label is 1 when the first and last steps sum to more than 0. */
    private static INDArray[] bothEnds(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 8, 1).muli(2).subi(1);
        INDArray first = x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        INDArray last = x.get(NDArrayIndex.all(), NDArrayIndex.point(7), NDArrayIndex.all());
        return new INDArray[] {x, first.add(last).gt(0).castTo(DataType.FLOAT).reshape(n, 1)};
    }
}
