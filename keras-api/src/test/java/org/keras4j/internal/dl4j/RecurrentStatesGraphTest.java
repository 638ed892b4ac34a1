package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recurrent layers returning their final states ({@code returnState}) and called with initial
 * states, in functional models: Keras's encoder–decoder, checked against Keras's cells written out
 * by hand ({@link RnnReference}).
 */
class RecurrentStatesGraphTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    private static double[][][] toArray3(INDArray a) {
        double[][][] out = new double[(int) a.size(0)][(int) a.size(1)][];
        for (int b = 0; b < out.length; b++) {
            for (int t = 0; t < out[b].length; t++) {
                out[b][t] = a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE).toDoubleVector();
            }
        }
        return out;
    }

    private static RnnReference lstmReference(LSTM layer) {
        List<INDArray> w = layer.getWeights();
        return new RnnReference(RnnReference.Cell.LSTM, w.get(0).castTo(DataType.DOUBLE).toDoubleMatrix(),
                w.get(1).castTo(DataType.DOUBLE).toDoubleMatrix(), w.get(2).castTo(DataType.DOUBLE).toDoubleVector(), null,
                RnnReference.TANH, RnnReference.SIGMOID);
    }

    private static void assertClose(double[][] expected, INDArray actual, String what) {
        assertEquals(expected.length, actual.size(0), what);
        for (int b = 0; b < expected.length; b++) {
            assertArrayEquals(expected[b], actual.getRow(b).castTo(DataType.DOUBLE).toDoubleVector(), TOLERANCE,
                    what + " row " + b);
        }
    }

    /** Encoder (sequence -> output, h, c) and decoder (sequence, initial h, c -> output), as two layers of one model. */
    private record EncoderDecoder(Functional model, LSTM encoder, LSTM decoder) {
    }

    private static EncoderDecoder encoderDecoder(boolean decoderSequences) {
        KerasTensor source = Keras.input("source", 5, 3);
        KerasTensor target = Keras.input("target", 4, 2);
        LSTM encoder = new LSTM(6).withReturnState(true).withName("encoder");
        List<KerasTensor> encoded = encoder.applyAll(source);
        LSTM decoder = new LSTM(6).withReturnSequences(decoderSequences).withName("decoder");
        KerasTensor decoded = decoder.apply(target, encoded.get(1), encoded.get(2));
        Functional model = new Functional("seq2seq", List.of(source, target),
                List.of(decoded, encoded.get(0), encoded.get(1), encoded.get(2)));
        model.compile(new SGD(0.1), "mse");
        return new EncoderDecoder(model, encoder, decoder);
    }

    @Test
    void returnStateAndInitialState_equalKerasCellsByHand() {
        Keras.setRandomSeed(3);
        EncoderDecoder m = encoderDecoder(true);
        Nd4j.getRandom().setSeed(5);
        INDArray source = Nd4j.rand(DataType.FLOAT, 2, 5, 3).subi(0.5);
        INDArray target = Nd4j.rand(DataType.FLOAT, 2, 4, 2).subi(0.5);
        List<INDArray> out = m.model().predict(List.of(source, target));

        RnnReference.Result enc = lstmReference(m.encoder()).run(toArray3(source), null, null);
        assertClose(enc.last(), out.get(1), "encoder output");
        assertClose(enc.states()[0], out.get(2), "encoder h");
        assertClose(enc.states()[1], out.get(3), "encoder c");
        RnnReference.Result dec = lstmReference(m.decoder()).run(toArray3(target), null, enc.states());
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                assertArrayEquals(dec.outputs()[b][t], out.get(0).get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .castTo(DataType.DOUBLE).toDoubleVector(), TOLERANCE, "decoder step " + t);
            }
        }
    }

    @Test
    void initialStates_carryTheGradientIntoTheEncoder() {
        // the encoder's weights reach the loss only through the decoder's initial states
        KerasTensor source = Keras.input("source", 5, 3);
        KerasTensor target = Keras.input("target", 4, 2);
        List<KerasTensor> encoded = new LSTM(6).withReturnState(true).withName("encoder").applyAll(source);
        KerasTensor decoded = new LSTM(6).withName("decoder").apply(target, encoded.get(1), encoded.get(2));
        KerasTensor y = new Dense(1).apply(decoded);
        Keras.setRandomSeed(4);
        Functional model = new Functional(List.of(source, target), List.of(y));
        model.compile(new SGD(0.5), "mse");
        INDArray before = model.getLayer("encoder").getWeights().get(0).dup();
        INDArray x1 = Nd4j.rand(DataType.FLOAT, 8, 5, 3);
        INDArray x2 = Nd4j.rand(DataType.FLOAT, 8, 4, 2);
        model.fit(List.of(x1, x2), List.of(Nd4j.ones(DataType.FLOAT, 8, 1)), FitOptions.defaults().epochs(1).verbose(0));
        INDArray after = model.getLayer("encoder").getWeights().get(0);
        assertFalse(before.equalsWithEps(after, 1e-7), "the encoder's kernel moved through the states");
    }

    @Test
    void gruReturnState_hIsTheLastOutput() {
        KerasTensor in = Keras.input(6, 4);
        List<KerasTensor> out = new GRU(5).withReturnState(true).applyAll(in);
        assertEquals(2, out.size());
        Functional model = new Functional(List.of(in), out);
        model.compile("adam", "mse");
        List<INDArray> y = model.predict(List.of(Nd4j.rand(DataType.FLOAT, 3, 6, 4)));
        assertTrue(y.get(0).equalsWithEps(y.get(1), 1e-6), "a GRU's final state h is its last output");
    }

    @Test
    void kerasGuideEncoderDecoder_summaryCountsAndConnections() {
        // keras.io "Working with RNNs", the encoder-decoder (fixed lengths: keras4j's inputs have a static length)
        KerasTensor encoderInput = Keras.input(10);
        KerasTensor encoderEmbedded = new Embedding(1000, 64).apply(encoderInput);
        List<KerasTensor> encoder = new LSTM(64).withReturnState(true).withName("encoder").applyAll(encoderEmbedded);
        KerasTensor decoderInput = Keras.input(12);
        KerasTensor decoderEmbedded = new Embedding(2000, 64).apply(decoderInput);
        KerasTensor decoderOutput = new LSTM(64).withName("decoder").apply(decoderEmbedded, encoder.get(1), encoder.get(2));
        KerasTensor output = new Dense(10).apply(decoderOutput);
        Functional model = new Functional(List.of(encoderInput, decoderInput), List.of(output));
        String text = model.summaryText();
        for (String count : List.of("64,000", "128,000", "33,024", "650", "Total params: 258,698")) {
            assertTrue(text.contains(count), count + " in\n" + text);
        }
        assertTrue(text.contains("encoder[0][1]") && text.contains("encoder[0][2]"), text);
        assertTrue(text.contains("[(None, 64), (None, 64),") && text.contains("(None, 64)]"), text);
        model.compile("adam", "mse");
        assertEquals(258_698, model.network().numParams());
    }

    @Test
    void saveAndLoad_keepTheStateConnections() throws Exception {
        Keras.setRandomSeed(9);
        EncoderDecoder m = encoderDecoder(false);
        INDArray source = Nd4j.rand(DataType.FLOAT, 2, 5, 3);
        INDArray target = Nd4j.rand(DataType.FLOAT, 2, 4, 2);
        List<INDArray> before = m.model().predict(List.of(source, target));
        Path file = dir.resolve("seq2seq.keras4j");
        m.model().save(file);
        Model loaded = Model.load(file);
        List<INDArray> after = loaded.predict(List.of(source, target));
        for (int i = 0; i < before.size(); i++) {
            assertTrue(before.get(i).equalsWithEps(after.get(i), 1e-6), "output " + i);
        }
    }

    @Test
    void badStateCalls_throwNamingTheLayer() {
        KerasTensor seq = Keras.input(5, 3);
        KerasTensor h = Keras.input(6);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> new LSTM(6).withName("dec").apply(seq, h));
        assertTrue(one.getMessage().contains("2 initial states (h, c)") && one.getMessage().contains("got 1"),
                one.getMessage());
        KerasTensor wrong = Keras.input(7);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new GRU(6).apply(seq, wrong));
        assertTrue(shape.getMessage().contains("initial state 0 must have shape (None, 6)"), shape.getMessage());
        IllegalArgumentException sequential = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(5, 3), new LSTM(6).withReturnState(true)));
        assertTrue(sequential.getMessage().contains("single output tensor"), sequential.getMessage());
    }
}
