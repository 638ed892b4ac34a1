package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's stateful recurrent layers through keras4j's public API: each call starts from the
 * previous call's final states, so sequences cut in two halves and predicted in two calls give
 * what Keras's loop gives on the whole sequences ({@link RnnReference}); {@code resetStates()} on
 * the layer or the model starts from zeros again; {@code fit} without shuffling carries the states
 * from one batch to the next, sample {@code i} to sample {@code i}.
 */
class StatefulRecurrentTest {
    private static final int FEATURES = RnnFixture.FEATURES;
    private static final int UNITS = RnnFixture.UNITS;
    private static final int HALF = 3;
    private static final double TOLERANCE = 1e-5;

    /** {@code x}'s steps {@code [from, from + HALF)}. */
    private static INDArray half(INDArray x, int from) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + HALF), NDArrayIndex.all()).dup('c');
    }

    /** A stateful LSTM returning sequences on chunks of {@link #HALF} steps, with random Keras weights; and Keras's loop. */
    private static RnnReference statefulLstm(Sequential[] model) {
        Keras.setRandomSeed(3);
        LSTM lstm = new LSTM(UNITS).withStateful(true).withReturnSequences(true);
        model[0] = new Sequential(new Input(HALF, FEATURES), lstm);
        model[0].compile("sgd", "mse");
        List<INDArray> weights = RnnFixture.kerasWeights(lstm, 31);
        lstm.setWeights(weights);
        return RnnFixture.reference(lstm, weights, RnnReference.TANH, RnnReference.SIGMOID);
    }

    @Test
    void statefulLstm_twoHalvesInTwoCalls_equalKerasOnTheWholeSequences() {
        Sequential[] model = new Sequential[1];
        RnnReference reference = statefulLstm(model);
        INDArray x = RnnFixture.sequences(32, 2, 2 * HALF);
        RnnReference.Result whole = reference.run(RnnFixture.array3(x), null, null);
        INDArray first = model[0].predict(half(x, 0).castTo(DataType.FLOAT));
        INDArray second = model[0].predict(half(x, HALF).castTo(DataType.FLOAT));
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 2 * HALF; t++) {
                INDArray step = (t < HALF ? first : second).slice(i).getRow(t % HALF);
                for (int j = 0; j < UNITS; j++) {
                    assertEquals(whole.outputs()[i][t][j], step.getDouble(j), TOLERANCE, "example " + i + ", step " + t);
                }
            }
        }
    }

    @Test
    void resetStates_onTheModelOrTheLayer_startsFromZerosAgain() {
        Sequential[] model = new Sequential[1];
        statefulLstm(model);
        INDArray x = RnnFixture.sequences(33, 2, HALF).castTo(DataType.FLOAT);
        INDArray fromZeros = model[0].predict(x);
        INDArray carried = model[0].predict(x);
        assertTrue(!fromZeros.equalsWithEps(carried, 1e-4), "the second call starts from the first call's states");
        model[0].resetStates();
        assertTrue(fromZeros.equalsWithEps(model[0].predict(x), 1e-6), "after Model.resetStates()");
        ((LSTM) model[0].getLayer(0)).resetStates();
        assertTrue(fromZeros.equalsWithEps(model[0].predict(x), 1e-6), "after LSTM.resetStates()");
    }

    @Test
    void fitWithoutShuffle_carriesTheStatesFromOneBatchToTheNext() {
        // weights that do not move (SGD with learning rate 0): the epoch's loss is the mean of the two batches' losses,
        // batch 2 holding the second halves of batch 1's sequences, read from batch 1's final states as in Keras
        Keras.setRandomSeed(4);
        LSTM lstm = new LSTM(UNITS).withStateful(true);
        Sequential model = new Sequential(new Input(HALF, FEATURES), lstm);
        model.compile(new SGD(0.0), "mse");
        List<INDArray> weights = RnnFixture.kerasWeights(lstm, 41);
        lstm.setWeights(weights);
        RnnReference reference = RnnFixture.reference(lstm, weights, RnnReference.TANH, RnnReference.SIGMOID);
        int batch = 2;
        INDArray whole = RnnFixture.sequences(42, batch, 2 * HALF);
        INDArray x = org.nd4j.linalg.factory.Nd4j.concat(0, half(whole, 0), half(whole, HALF));
        INDArray y = RnnFixture.sequences(43, 2 * batch, 1).get(NDArrayIndex.all(), NDArrayIndex.point(0),
                NDArrayIndex.interval(0, UNITS)).dup('c');
        double[][] afterFirst = reference.run(RnnFixture.array3(half(whole, 0)), null, null).last();
        double[][] afterWhole = reference.run(RnnFixture.array3(whole), null, null).last();
        double squares = 0;
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < UNITS; j++) {
                squares += Math.pow(afterFirst[i][j] - y.getDouble(i, j), 2) + Math.pow(afterWhole[i][j] - y.getDouble(batch + i, j), 2);
            }
        }
        double expected = squares / (2 * batch * UNITS);
        double loss = model.fit(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), FitOptions.defaults().epochs(1)
                .batchSize(batch).shuffle(false).verbose(0)).history().get("loss").get(0);
        assertEquals(expected, loss, 1e-5);
    }

    @Test
    void statefulBidirectional_resetStatesForgetsBothDirections() {
        Keras.setRandomSeed(5);
        Bidirectional layer = new Bidirectional(new GRU(UNITS).withStateful(true));
        Sequential model = new Sequential(new Input(HALF, FEATURES), layer, new Dense(1));
        model.compile("sgd", "mse");
        INDArray x = RnnFixture.sequences(51, 2, HALF).castTo(DataType.FLOAT);
        INDArray fromZeros = model.predict(x);
        assertTrue(!fromZeros.equalsWithEps(model.predict(x), 1e-4), "the second call starts from carried states");
        layer.resetStates();
        assertTrue(fromZeros.equalsWithEps(model.predict(x), 1e-6), "after Bidirectional.resetStates()");
        model.predict(x);
        model.resetStates();
        assertTrue(fromZeros.equalsWithEps(model.predict(x), 1e-6), "after Model.resetStates()");
    }

    @Test
    void resetStates_beforeCompile_throwsNamingTheLayerOrModel() {
        LSTM lstm = new LSTM(UNITS).withStateful(true).withName("memory");
        IllegalStateException e = assertThrows(IllegalStateException.class, lstm::resetStates);
        assertEquals("LSTM 'memory' has no states yet: keras4j creates them when its model is compiled; call compile()"
                + " on the model first", e.getMessage());
        Sequential model = new Sequential("m", new Input(HALF, FEATURES), lstm);
        IllegalStateException m = assertThrows(IllegalStateException.class, model::resetStates);
        assertEquals("You must call compile() before resetStates() on model 'm'", m.getMessage());
    }

    @Test
    void resetStates_onBidirectionalThatIsNotStateful_throws() {
        Bidirectional layer = new Bidirectional(new GRU(UNITS)).withName("bi");
        new Sequential(new Input(HALF, FEATURES), layer).compile("sgd", "mse");
        IllegalStateException e = assertThrows(IllegalStateException.class, layer::resetStates);
        assertTrue(e.getMessage().startsWith("Bidirectional 'bi' is not stateful"), e.getMessage());
    }

    @Test
    void statefulLayer_givenAnotherBatchSize_throwsUntilResetStates() {
        Sequential[] model = new Sequential[1];
        statefulLstm(model);
        model[0].predict(RnnFixture.sequences(61, 2, HALF).castTo(DataType.FLOAT));
        INDArray three = RnnFixture.sequences(62, 3, HALF).castTo(DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model[0].predict(three));
        assertTrue(e.getMessage().contains("batch size must stay 2") && e.getMessage().contains("resetStates()"),
                e.getMessage());
        model[0].resetStates();
        assertEquals(3, model[0].predict(three).size(0));
    }
}
