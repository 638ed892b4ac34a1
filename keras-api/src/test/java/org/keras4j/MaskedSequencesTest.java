package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.core.Masking;
import org.keras4j.layers.pooling.GlobalAveragePooling1D;
import org.keras4j.layers.pooling.GlobalMaxPooling1D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.layers.rnn.TimeDistributed;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras masks end to end: Embedding(maskZero) and Masking make padded batches give what the
 * unpadded sequences give one by one, and masked steps count neither in a sequence output's loss
 * nor in its metrics.
 *
 * <p>A recurrent layer a mask reaches runs on keras4j's own recurrent layer, with Keras's
 * semantics: at a masked step the states keep their values and the output repeats the previous
 * step's output (zeros before the first unmasked step). Leading masked steps (pre-padding) leave
 * the zero initial state as an unpadded sequence starts from, and trailing ones (post-padding)
 * carry the last unmasked output to the end. (DL4J's own layers zero their output and state at a
 * masked step: the same final outputs for pre- and post-padding, but not for masked steps inside a
 * sequence; {@code MaskedRecurrentModelsTest} checks those against Keras's loop.)
 */
class MaskedSequencesTest {
    private static final int[][] SEQUENCES = {{3, 1, 4}, {2, 5}, {6, 2, 7, 1, 8}, {9}};
    private static final float[] TARGETS = {0.5f, -1f, 2f, 0f};

    @TempDir
    Path dir;

    /** The sequences as indices, zero-padded to 5 steps before (pre) or after them. */
    private static INDArray padded(boolean pre) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, SEQUENCES.length, 5);
        for (int i = 0; i < SEQUENCES.length; i++) {
            int offset = pre ? 5 - SEQUENCES[i].length : 0;
            for (int t = 0; t < SEQUENCES[i].length; t++) {
                x.putScalar(i, offset + t, SEQUENCES[i][t]);
            }
        }
        return x;
    }

    private static INDArray targets() {
        return Nd4j.createFromArray(TARGETS).reshape(TARGETS.length, 1);
    }

    /**
     * Predictions and evaluated loss of the padded batch against each sequence alone, through a model of the
     * same weights built for its own length.
     */
    private static void assertPaddedEqualsOneByOne(IntFunction<Sequential> build, IntFunction<INDArray> sequence,
                                                   INDArray paddedBatch) {
        Keras.setRandomSeed(9);
        Sequential model = build.apply(5);
        model.compile("sgd", "mse");
        INDArray predicted = model.predict(paddedBatch);
        double batchLoss = model.evaluate(paddedBatch, targets()).get("loss");
        double lossSum = 0;
        for (int i = 0; i < SEQUENCES.length; i++) {
            Sequential alone = build.apply(SEQUENCES[i].length);
            alone.compile("sgd", "mse");
            alone.setWeights(model.getWeights());
            INDArray x = sequence.apply(i);
            INDArray expected = alone.predict(x);
            assertEquals(expected.getDouble(0, 0), predicted.getDouble(i, 0), 1e-5, "sequence " + i);
            double error = expected.getDouble(0, 0) - TARGETS[i];
            assertEquals(error * error, alone.evaluate(x, targets().getRow(i, true)).get("loss"), 1e-5);
            lossSum += error * error;
        }
        assertEquals(lossSum / SEQUENCES.length, batchLoss, 1e-5);
    }

    private static INDArray indices(int i) {
        float[] s = new float[SEQUENCES[i].length];
        for (int t = 0; t < s.length; t++) {
            s[t] = SEQUENCES[i][t];
        }
        return Nd4j.createFromArray(s).reshape(1, s.length);
    }

    private static Sequential embeddingLstm(int steps) {
        return new Sequential(new Input(steps), new Embedding(10, 4).withMaskZero(true), new LSTM(3), new Dense(1));
    }

    @Test
    void embeddingMaskZeroLstm_prePadded_equalsEachSequenceAlone() {
        assertPaddedEqualsOneByOne(MaskedSequencesTest::embeddingLstm, MaskedSequencesTest::indices, padded(true));
    }

    @Test
    void embeddingMaskZeroLstm_postPadded_equalsEachSequenceAlone() {
        assertPaddedEqualsOneByOne(MaskedSequencesTest::embeddingLstm, MaskedSequencesTest::indices, padded(false));
    }

    @Test
    void maskPassesDenseAndDropoutBeforeTheLstm() {
        IntFunction<Sequential> build = steps -> new Sequential(new Input(steps), new Embedding(10, 4).withMaskZero(true),
                new Dense(5, "relu"), new Dropout(0.3), new LSTM(3), new Dense(1));
        assertPaddedEqualsOneByOne(build, MaskedSequencesTest::indices, padded(false));
        assertPaddedEqualsOneByOne(build, MaskedSequencesTest::indices, padded(true));
    }

    /** Sequence i as features (steps, 2): each index v becomes (v, -v / 2), never all zero. */
    private static INDArray features(int i) {
        INDArray x = Nd4j.create(DataType.FLOAT, 1, SEQUENCES[i].length, 2);
        for (int t = 0; t < SEQUENCES[i].length; t++) {
            x.putScalar(new long[] {0, t, 0}, SEQUENCES[i][t]);
            x.putScalar(new long[] {0, t, 1}, -SEQUENCES[i][t] / 2.0);
        }
        return x;
    }

    private static INDArray paddedFeatures(boolean pre) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, SEQUENCES.length, 5, 2);
        for (int i = 0; i < SEQUENCES.length; i++) {
            int offset = pre ? 5 - SEQUENCES[i].length : 0;
            INDArray one = features(i);
            for (int t = 0; t < SEQUENCES[i].length; t++) {
                x.putScalar(new long[] {i, offset + t, 0}, one.getDouble(0, t, 0));
                x.putScalar(new long[] {i, offset + t, 1}, one.getDouble(0, t, 1));
            }
        }
        return x;
    }

    @Test
    void maskingSimpleRnn_preAndPostPadded_equalEachSequenceAlone() {
        IntFunction<Sequential> build = steps -> new Sequential(new Input(steps, 2), new Masking(), new SimpleRNN(3),
                new Dense(1));
        assertPaddedEqualsOneByOne(build, MaskedSequencesTest::features, paddedFeatures(true));
        assertPaddedEqualsOneByOne(build, MaskedSequencesTest::features, paddedFeatures(false));
    }

    @Test
    void functionalModel_givesTheSequentialModelsMaskedPredictionsAndLoss() {
        Keras.setRandomSeed(9);
        Sequential sequential = embeddingLstm(5);
        sequential.compile("sgd", "mse");
        KerasTensor in = Keras.input(5);
        KerasTensor out = new Dense(1).apply(new LSTM(3).apply(new Embedding(10, 4).withMaskZero(true).apply(in)));
        Functional functional = new Functional(in, out);
        functional.compile("sgd", "mse");
        functional.setWeights(sequential.getWeights());
        for (boolean pre : new boolean[] {true, false}) {
            INDArray x = padded(pre);
            assertTrue(sequential.predict(x).equalsWithEps(functional.predict(x), 1e-6));
            assertEquals(sequential.evaluate(x, targets()).get("loss"), functional.evaluate(x, targets()).get("loss"), 1e-6);
        }
    }

    /** Per-step class labels: step t of sequence i is class (v + t) % 3 at a kept step, and 2 at a padded one. */
    private static INDArray stepLabels(INDArray x) {
        INDArray y = Nd4j.create(DataType.FLOAT, x.size(0), x.size(1));
        for (int i = 0; i < x.size(0); i++) {
            for (int t = 0; t < x.size(1); t++) {
                int v = x.getInt(i, t);
                y.putScalar(i, t, v == 0 ? 2 : (v + t) % 3);
            }
        }
        return y;
    }

    @Test
    void sequenceOutput_lossAndAccuracy_countOnlyTheUnmaskedSteps() {
        for (boolean pre : new boolean[] {true, false}) {
            Keras.setRandomSeed(21);
            Sequential model = new Sequential(new Input(5), new Embedding(10, 4).withMaskZero(true),
                    new LSTM(6).withReturnSequences(true), new Dense(3, "softmax"));
            model.compile(new SGD(0.05), "sparse_categorical_crossentropy", "accuracy");
            INDArray x = padded(pre);
            INDArray y = stepLabels(x);
            INDArray p = model.predict(x);
            double lossSum = 0;
            int correct = 0;
            int valid = 0;
            for (int i = 0; i < x.size(0); i++) {
                for (int t = 0; t < 5; t++) {
                    if (x.getInt(i, t) == 0) {
                        continue;
                    }
                    int label = y.getInt(i, t);
                    lossSum -= Math.log(p.getDouble(i, t, label));
                    int best = 0;
                    for (int c = 1; c < 3; c++) {
                        best = p.getDouble(i, t, c) > p.getDouble(i, t, best) ? c : best;
                    }
                    correct += best == label ? 1 : 0;
                    valid++;
                }
            }
            Map<String, Double> scores = model.evaluate(x, y);
            assertEquals(lossSum / valid, scores.get("loss"), 1e-5, pre ? "pre-padded" : "post-padded");
            assertEquals(correct / (double) valid, scores.get("accuracy"), 1e-9);
            // fit reports the loss of the step's forward pass, before the update: the same masked mean
            Map<String, List<Double>> h = model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(4).shuffle(false)
                    .verbose(0)).history();
            assertEquals(lossSum / valid, h.get("loss").get(0), 1e-5);
            assertEquals(correct / (double) valid, h.get("accuracy").get(0), 1e-9);
        }
    }

    @Test
    void validationData_isEvaluatedWithItsMasks() {
        Keras.setRandomSeed(3);
        Sequential model = embeddingLstm(5);
        model.compile("adam", "mse");
        INDArray x = padded(false);
        Map<String, List<Double>> h = model.fit(x, targets(), FitOptions.defaults().epochs(1).verbose(0)
                .validationData(padded(true), targets())).history();
        assertEquals(model.evaluate(padded(true), targets()).get("loss"), h.get("val_loss").get(0), 1e-6);
        // pre- and post-padding mean the same sequences: the same loss
        assertEquals(model.evaluate(x, targets()).get("loss"), h.get("val_loss").get(0), 1e-5);
    }

    @Test
    void fitOnAnIterator_usesTheMasksAsFitOnArrays() {
        Keras.setRandomSeed(14);
        Sequential arrays = embeddingLstm(5);
        arrays.compile(new SGD(0.1), "mse");
        Sequential iterator = embeddingLstm(5);
        iterator.compile(new SGD(0.1), "mse");
        iterator.setWeights(arrays.getWeights());
        double fromArrays = arrays.fit(padded(true), targets(), FitOptions.defaults().epochs(1).batchSize(4).shuffle(false)
                .verbose(0)).history().get("loss").get(0);
        var data = new org.nd4j.linalg.dataset.ViewIterator(new org.nd4j.linalg.dataset.DataSet(padded(true), targets()), 4);
        double fromIterator = iterator.fit(data, FitOptions.defaults().epochs(1).verbose(0)).history().get("loss").get(0);
        assertEquals(fromArrays, fromIterator, 1e-6);
        // the masked loss differs from the loss the same weights give without the mask
        Sequential unmasked = new Sequential(new Input(5), new Embedding(10, 4), new LSTM(3), new Dense(1));
        unmasked.compile("sgd", "mse");
        unmasked.setWeights(arrays.getWeights());
        assertTrue(Math.abs(unmasked.evaluate(padded(true), targets()).get("loss")
                - arrays.evaluate(padded(true), targets()).get("loss")) > 1e-4);
    }

    @Test
    void maskSourceNotReadingAnInput_throwsAtCompile() {
        Sequential model = new Sequential(new Input(5, 2), new Dense(1), new Masking(), new LSTM(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("Masking") && e.getMessage().contains("model input directly"), e.getMessage());
    }

    @Test
    void maskReachingGlobalAveragePooling_throwsAtCompile() {
        Sequential model = new Sequential(new Input(5), new Embedding(10, 4).withMaskZero(true), new GlobalAveragePooling1D(),
                new Dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("GlobalAveragePooling1D"), e.getMessage());
    }

    @Test
    void maskZeroOnIndicesOfRankTwo_throwsAtCompile() {
        Sequential model = new Sequential(new Input(2, 3), new Embedding(10, 4).withMaskZero(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("maskZero") && e.getMessage().contains("2, 3"), e.getMessage());
    }

    @Test
    void timeDistributedDropsTheMask_asInKeras3() {
        // TimeDistributed does not support masking in Keras 3: the LSTM after it sees every step
        Keras.setRandomSeed(6);
        Sequential masked = new Sequential(new Input(5), new Embedding(10, 4).withMaskZero(true),
                new TimeDistributed(new Dense(4)), new LSTM(3), new Dense(1));
        masked.compile("sgd", "mse");
        Sequential plain = new Sequential(new Input(5), new Embedding(10, 4), new TimeDistributed(new Dense(4)), new LSTM(3),
                new Dense(1));
        plain.compile("sgd", "mse");
        plain.setWeights(masked.getWeights());
        assertTrue(masked.predict(padded(true)).equalsWithEps(plain.predict(padded(true)), 1e-6));
    }

    @Test
    void textCnn_equalsTheConvolutionOfTheLookedUpVectors() {
        Keras.setRandomSeed(8);
        Sequential text = new Sequential(new Input(6), new Embedding(10, 4), new Conv1D(5, 3, "relu"), new GlobalMaxPooling1D(),
                new Dense(2, "softmax"));
        assertTrue(text.summaryText().contains("(None, 4, 5)"), text.summaryText());
        text.compile("adam", "categorical_crossentropy");
        Sequential onVectors = new Sequential(new Input(6, 4), new Conv1D(5, 3, "relu"), new GlobalMaxPooling1D(),
                new Dense(2, "softmax"));
        onVectors.compile("adam", "categorical_crossentropy");
        List<INDArray> w = text.getWeights();
        onVectors.setWeights(w.subList(1, w.size()));
        INDArray table = w.get(0);
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5, 6}, {9, 0, 9, 1, 1, 7}});
        INDArray vectors = Nd4j.create(DataType.FLOAT, 2, 6, 4);
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 6; t++) {
                for (int j = 0; j < 4; j++) {
                    vectors.putScalar(new long[] {i, t, j}, table.getDouble(x.getInt(i, t), j));
                }
            }
        }
        assertTrue(text.predict(x).equalsWithEps(onVectors.predict(vectors), 1e-6));
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        double first = text.fit(x, y, FitOptions.defaults().epochs(30).verbose(0)).history().get("loss").get(0);
        assertTrue(text.evaluate(x, y).get("loss") < first, "the text CNN learns two samples");
    }

    @Test
    void saveThenLoad_keepsConfigWeightsAndMasks() {
        Keras.setRandomSeed(12);
        Sequential model = new Sequential(new Input(5), new Embedding(10, 4).withMaskZero(true),
                new LSTM(3).withReturnSequences(true), new TimeDistributed(new Dense(2)), new LSTM(2), new Dense(1));
        model.compile("adam", "mse");
        model.fit(padded(true), targets(), FitOptions.defaults().epochs(2).verbose(0));
        Path file = dir.resolve("masked.keras4j");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(model.summaryText(), loaded.summaryText());
        for (int i = 0; i < model.getWeights().size(); i++) {
            assertEquals(model.getWeights().get(i), loaded.getWeights().get(i));
        }
        Layer embedding = loaded.getLayer(0);
        assertEquals(true, embedding.getConfig().get("mask_zero"));
        assertTrue(model.predict(padded(true)).equalsWithEps(loaded.predict(padded(true)), 1e-6));
        assertEquals(model.evaluate(padded(false), targets()).get("loss"), loaded.evaluate(padded(false), targets()).get("loss"),
                1e-6);
    }

    @Test
    void functionalSaveThenLoad_keepsTimeDistributedAndEmbedding() {
        Keras.setRandomSeed(13);
        KerasTensor in = Keras.input(5);
        KerasTensor h = new TimeDistributed(new Dense(3, "relu")).apply(new Embedding(10, 4).apply(in));
        Functional model = new Functional(in, new Dense(1).apply(new LSTM(2).apply(h)));
        model.compile("adam", "mse");
        Path file = dir.resolve("functional.keras4j");
        model.save(file);
        Model loaded = Model.load(file);
        assertTrue(model.predict(padded(false)).equalsWithEps(loaded.predict(padded(false)), 1e-6));
    }
}
