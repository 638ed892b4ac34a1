package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.internal.dl4j.layers.ColumnMajorLstm;
import org.keras4j.internal.dl4j.layers.KerasRecurrentLayer;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.core.Masking;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent layer a Keras mask reaches ({@code Masking} before it) runs with Keras's mask
 * semantics on keras4j's layer: at a masked step the states keep their values and the output
 * repeats the previous step's output (zeros before the first unmasked step). Checked against
 * {@link RnnReference}, Keras's loop written out by hand, with padding after, before and inside
 * the sequences; DL4J's own layers would restart from a zero state after a masked step and
 * output zeros there.
 */
class MaskedRecurrentModelsTest {
    private static final int STEPS = RnnFixture.STEPS;
    private static final int FEATURES = RnnFixture.FEATURES;
    private static final int UNITS = RnnFixture.UNITS;
    /** Per example, 1 for a real step: padding after, before, and holes inside the sequence. */
    private static final double[][] MASK = {{1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 0}};
    private static final double TOLERANCE = 1e-5;

    @Test
    void maskedLstmSequences_inSequential_repeatThePreviousOutputAtMaskedSteps() {
        checkSequential(() -> new LSTM(UNITS).withReturnSequences(true), RnnReference.Cell.LSTM);
    }

    @Test
    void maskedSimpleRnnSequences_inSequential_repeatThePreviousOutputAtMaskedSteps() {
        checkSequential(() -> new SimpleRNN(UNITS).withReturnSequences(true), RnnReference.Cell.SIMPLE_RNN);
    }

    @Test
    void maskedLstmLastOutput_withHolesInside_carriesTheStateOverThem() {
        checkSequential(() -> new LSTM(UNITS), RnnReference.Cell.LSTM);
    }

    @Test
    void maskedSimpleRnnLastOutput_withHolesInside_carriesTheStateOverThem() {
        checkSequential(() -> new SimpleRNN(UNITS), RnnReference.Cell.SIMPLE_RNN);
    }

    @Test
    void maskedLstm_inFunctional_equalsKerasByHand() {
        for (boolean sequences : new boolean[] {true, false}) {
            Keras.setRandomSeed(4);
            LSTM lstm = new LSTM(UNITS).withReturnSequences(sequences);
            KerasTensor in = Keras.input(STEPS, FEATURES);
            Functional model = new Functional(in, lstm.apply(new Masking().apply(in)));
            check(model, lstm, RnnReference.Cell.LSTM);
        }
    }

    @Test
    void maskedLstm_runsOnKeras4jsLayer_unmaskedOneKeepsDl4jsFusedLstm() {
        Sequential masked = new Sequential(new Input(STEPS, FEATURES), new Masking(), new LSTM(UNITS));
        masked.compile("sgd", "mse");
        assertInstanceOf(KerasRecurrentLayer.class,
                KerasWeightLayout.unwrapped(((MultiLayerNetwork) masked.network().unwrap()).getLayer(1)));
        Sequential plain = new Sequential(new Input(STEPS, FEATURES), new LSTM(UNITS));
        plain.compile("sgd", "mse");
        assertInstanceOf(ColumnMajorLstm.class,
                KerasWeightLayout.unwrapped(((MultiLayerNetwork) plain.network().unwrap()).getLayer(0)));
    }

    private static void checkSequential(Supplier<BaseRNN<?>> rnn, RnnReference.Cell cell) {
        Keras.setRandomSeed(3);
        BaseRNN<?> layer = rnn.get();
        check(new Sequential(new Input(STEPS, FEATURES), new Masking(), layer), layer, cell);
    }

    /** {@code model} (Masking, then {@code layer}) predicts what Keras's loop gives for the same weights. */
    private static void check(Model model, BaseRNN<?> layer, RnnReference.Cell cell) {
        model.compile("sgd", "mse");
        List<INDArray> weights = RnnFixture.kerasWeights(layer, 11);
        layer.setWeights(weights);
        RnnReference reference = new RnnReference(cell, weights.get(0).toDoubleMatrix(), weights.get(1).toDoubleMatrix(),
                weights.get(2).toDoubleVector(), null, RnnReference.TANH, RnnReference.SIGMOID);
        INDArray x = RnnFixture.sequences(12, MASK.length, STEPS);
        for (int i = 0; i < MASK.length; i++) {
            for (int t = 0; t < STEPS; t++) {
                if (MASK[i][t] == 0) {
                    x.slice(i).getRow(t).assign(0); // Masking's padding value
                }
            }
        }
        RnnReference.Result expected = reference.run(RnnFixture.array3(x), MASK, null);
        INDArray actual = model.predict(x.castTo(DataType.FLOAT));
        String what = layer + " in " + model.getClass().getSimpleName();
        if (layer.returnSequences()) {
            RnnFixture.assertClose(expected.outputs(), actual, TOLERANCE, what);
        } else {
            RnnFixture.assertClose(expected.last(), actual, TOLERANCE, what);
        }
    }
}
