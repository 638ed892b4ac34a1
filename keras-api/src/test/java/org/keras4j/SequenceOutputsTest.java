package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.callbacks.History;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Outputs of rank > 2: Dense on the last axis, and Keras's per-position losses and metrics. */
class SequenceOutputsTest {

    @Test
    void denseAfterLstmSequences_summaryMatchesKeras() {
        // Keras: lstm (None, 7, 16) 1,280; dense (None, 7, 10) 170; total 1,450
        Sequential model = new Sequential(new Input(7, 3), new LSTM(16).withReturnSequences(true), new Dense(10, "softmax"));
        String text = model.summaryText();
        assertTrue(text.contains("(None, 7, 10)") && text.contains("170"), text);
        assertTrue(text.contains("Total params: 1,450"), text);
        model.compile("adam", "sparse_categorical_crossentropy");
        assertEquals(1_450, model.network().numParams());
        assertArrayEquals(new long[] {2, 7, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 2, 7, 3)).shape());
    }

    @Test
    void denseOnSequence_equalsTheSameDenseAppliedAtEachStep() {
        Keras.setRandomSeed(1);
        Sequential model = new Sequential(new Input(4, 3), new Dense(5, "relu"), new Dense(2, "softmax"));
        model.compile("sgd", "categorical_crossentropy");
        Sequential perStep = new Sequential(new Input(3), new Dense(5, "relu"), new Dense(2, "softmax"));
        perStep.compile("sgd", "categorical_crossentropy");
        perStep.setWeights(model.getWeights());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4, 3).subi(0.5);
        INDArray y = model.predict(x);
        for (int t = 0; t < 4; t++) {
            INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).dup();
            INDArray expected = perStep.predict(step);
            assertTrue(expected.equalsWithEps(y.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()), 1e-5),
                    "step " + t);
        }
    }

    @Test
    void denseOnSequence_matchesHandComputedKernelProduct() {
        Sequential model = new Sequential(new Input(2, 2), new Dense(1));
        model.compile("sgd", "mse");
        // Keras's weight order: kernel [f, units] then bias
        model.network().setParams(Nd4j.createFromArray(2f, -1f, 0.5f));
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 3, 5}).reshape(1, 2, 2);
        INDArray y = model.predict(x);
        assertArrayEquals(new long[] {1, 2, 1}, y.shape());
        assertEquals(2 * 1 - 1 * 2 + 0.5, y.getDouble(0, 0, 0), 1e-6);
        assertEquals(2 * 3 - 1 * 5 + 0.5, y.getDouble(0, 1, 0), 1e-6);
    }

    @Test
    void sequenceCrossentropy_evaluateAndTrainingLossEqualKerasPerPositionMean() {
        // [2, 3, 4] softmax outputs of a zero-kernel Dense: softmax(bias) at every position
        Sequential model = new Sequential(new Input(3, 1), new Dense(4, "softmax"));
        model.compile(new SGD(0.0), "sparse_categorical_crossentropy", "accuracy");
        float[] bias = {1f, 2f, 0f, -1f};
        model.network().setParams(Nd4j.createFromArray(0f, 0f, 0f, 0f, bias[0], bias[1], bias[2], bias[3]));
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 3, 1);
        INDArray labels = Nd4j.createFromArray(new float[][] {{0, 1, 1}, {1, 2, 3}});
        double norm = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0) + Math.exp(-1));
        double expected = 0;
        for (float c : labels.reshape(6).toFloatVector()) {
            expected += (norm - bias[(int) c]) / 6;
        }
        Map<String, Double> logs = model.evaluate(x, labels);
        assertEquals(expected, logs.get("loss"), 1e-5);
        // class 1 is the argmax everywhere: 3 of the 6 positions are right
        assertEquals(0.5, logs.get("accuracy"), 1e-6);
        List<Double> trainLoss = model.fit(x, labels, FitOptions.defaults().epochs(1).batchSize(2).verbose(0)).history().get("loss");
        assertEquals(expected, trainLoss.get(0), 1e-5);
        assertEquals(0.5, model.history().history().get("accuracy").get(0), 1e-6);
    }

    @Test
    void sparseLabelsWithTrailingAxis_equalTheSameLabelsWithout() {
        Keras.setRandomSeed(2);
        Sequential model = new Sequential(new Input(3, 2), new Dense(4, "softmax"));
        model.compile("sgd", "sparse_categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 2);
        INDArray labels = Nd4j.createFromArray(new float[][] {{0, 3, 1}, {2, 2, 0}});
        assertEquals(model.evaluate(x, labels).get("loss"), model.evaluate(x, labels.reshape(2, 3, 1)).get("loss"), 1e-7);
    }

    @Test
    void sparseLabels_oneIndexPerExampleForASequenceOutput_throws() {
        Sequential model = new Sequential(new Input(3, 2), new Dense(4, "softmax"));
        model.compile("sgd", "sparse_categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(Nd4j.rand(DataType.FLOAT, 2, 3, 2), Nd4j.createFromArray(1f, 2f)));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void accuracy_onOneUnitPerStep_resolvesToBinaryAccuracyAsKeras() {
        // Keras picks the accuracy from the last axis: (None, 3, 1) with binary cross-entropy is binary_accuracy
        Sequential model = new Sequential(new Input(3, 2), new Dense(1, "sigmoid"));
        model.compile("sgd", "binary_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 2);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3, 1).gt(0.5).castTo(DataType.FLOAT);
        INDArray p = model.predict(x).gt(0.5).castTo(DataType.FLOAT);
        double expected = p.eq(y).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(expected, model.evaluate(x, y).get("accuracy"), 1e-6);
    }

    @Test
    void classWeight_onSequenceOutput_throwsAsKeras() {
        Sequential model = new Sequential(new Input(3, 2), new Dense(4, "softmax"));
        model.compile("sgd", "sparse_categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(
                Nd4j.rand(DataType.FLOAT, 4, 3, 2), Nd4j.zeros(DataType.FLOAT, 4, 3),
                FitOptions.defaults().epochs(1).classWeight(Map.of(0, 1.0, 1, 2.0, 2, 1.0, 3, 1.0)).verbose(0)));
        assertTrue(e.getMessage().contains("classWeight") && e.getMessage().contains("sampleWeight"), e.getMessage());
    }

    @Test
    void sequenceKlDivergence_isMeanOverPositionsNotSum() {
        // KL sums over the last axis only: with the same distribution at every step the loss does not grow with T
        Sequential model = new Sequential(new Input(5, 1), new Dense(2, "softmax"));
        model.compile(new SGD(0.0), "kl_divergence");
        model.network().setParams(Nd4j.createFromArray(0f, 0f, 0f, 0f));   // q = (0.5, 0.5)
        INDArray y = Nd4j.createFromArray(new float[] {0.9f, 0.1f}).reshape(1, 1, 2).repeat(1, 5);
        double expected = 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5);
        assertEquals(expected, model.evaluate(Nd4j.ones(DataType.FLOAT, 1, 5, 1), y).get("loss"), 1e-5);
        assertEquals(expected, model.fit(Nd4j.ones(DataType.FLOAT, 1, 5, 1), y, FitOptions.defaults().epochs(1).verbose(0))
                .history().get("loss").get(0), 1e-5);
    }

    @Test
    void imageOutputCrossentropy_isPerPixelMean() {
        // Dense on (2, 2, 1) images gives (None, 2, 2, 3): a softmax over the 3 channels of each pixel
        Sequential model = new Sequential(new Input(2, 2, 1), new Dense(3, "softmax"));
        model.compile(new SGD(0.0), "categorical_crossentropy", "accuracy");
        model.network().setParams(Nd4j.createFromArray(0f, 0f, 0f, 1f, 0f, 0f));   // kernel 0, bias (1, 0, 0)
        INDArray y = Nd4j.zeros(DataType.FLOAT, 1, 2, 2, 3);
        y.putScalar(new long[] {0, 0, 0, 0}, 1);
        y.putScalar(new long[] {0, 0, 1, 1}, 1);
        y.putScalar(new long[] {0, 1, 0, 1}, 1);
        y.putScalar(new long[] {0, 1, 1, 2}, 1);
        double norm = Math.log(Math.E + 2);
        double expected = ((norm - 1) + 3 * norm) / 4;
        Map<String, Double> logs = model.evaluate(Nd4j.ones(DataType.FLOAT, 1, 2, 2, 1), y);
        assertEquals(expected, logs.get("loss"), 1e-5);
        assertEquals(0.25, logs.get("accuracy"), 1e-6);
    }

    @Test
    void lstmWithPerStepDense_learnsToLabelEachStep() {
        // each step's class is the sign pattern of its input and the previous input: needs the per-step Dense
        Keras.setRandomSeed(11);
        Nd4j.getRandom().setSeed(11);
        int n = 256;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 6, 1).subi(0.5);
        INDArray labels = x.gt(0).castTo(DataType.FLOAT).reshape(n, 6);
        Sequential model = new Sequential(new Input(6, 1), new LSTM(8).withReturnSequences(true), new Dense(2, "softmax"));
        model.compile(new Adam(0.03), "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(x, labels, FitOptions.defaults().epochs(30).batchSize(32).verbose(0));
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.3 * loss.get(0), "loss " + loss);
        assertTrue(model.evaluate(x, labels).get("accuracy") > 0.95, "accuracy " + h.get("accuracy"));
    }

    @Test
    void perStepDense_saveThenLoad_givesSamePredictions(@TempDir Path dir) {
        Keras.setRandomSeed(5);
        Sequential model = new Sequential(new Input(4, 3), new LSTM(5).withReturnSequences(true),
                new Dense(6, "relu"), new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 4, 3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 4, 3);
        y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1)).assign(1);
        model.fit(x, y, FitOptions.defaults().epochs(2).verbose(0));
        Path file = dir.resolve("seq.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.summaryText(), loaded.summaryText());
        assertEquals(model.predict(x), loaded.predict(x));
        assertEquals(model.evaluate(x, y).get("loss"), loaded.evaluate(x, y).get("loss"), 1e-6);
    }
}
