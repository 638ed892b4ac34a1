package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code Bidirectional} without a merge mode (Keras's {@code merge_mode=None}): the forward and
 * the backward outputs as two tensors, which are the two halves of what {@code "concat"} gives
 * for the same weights (Keras concatenates exactly those two).
 */
class BidirectionalNoMergeTest {

    private static void checkHalves(Bidirectional none, Bidirectional concat, KerasTensor in, INDArray x) {
        List<KerasTensor> two = none.applyAll(in);
        Functional split = new Functional(List.of(in), two);
        split.compile(new SGD(0.1), "mse");
        KerasTensor in2 = Keras.input(in.shape().dims());
        Functional joined = new Functional(List.of(in2), List.of(concat.apply(in2)));
        joined.compile(new SGD(0.1), "mse");
        concat.setWeights(none.getWeights());
        List<INDArray> halves = split.predict(List.of(x));
        INDArray whole = joined.predict(x);
        long u = halves.get(0).size(halves.get(0).rank() - 1);
        INDArray forward = whole.rank() == 3 ? whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, u))
                : whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, u));
        INDArray backward = whole.rank() == 3
                ? whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(u, 2 * u))
                : whole.get(NDArrayIndex.all(), NDArrayIndex.interval(u, 2 * u));
        assertTrue(forward.equalsWithEps(halves.get(0), 1e-5), "forward half\n" + forward + "\n" + halves.get(0));
        assertTrue(backward.equalsWithEps(halves.get(1), 1e-5), "backward half\n" + backward + "\n" + halves.get(1));
    }

    @Test
    void sequences_areTheHalvesOfConcat() {
        Keras.setRandomSeed(1);
        KerasTensor in = Keras.input(6, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6, 3);
        checkHalves(new Bidirectional(new LSTM(5).withReturnSequences(true), null),
                new Bidirectional(new LSTM(5).withReturnSequences(true)), in, x);
    }

    @Test
    void lastOutputs_areTheHalvesOfConcat_forAGru() {
        Keras.setRandomSeed(2);
        KerasTensor in = Keras.input(6, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6, 3);
        checkHalves(new Bidirectional(new GRU(5), null), new Bidirectional(new GRU(5)), in, x);
    }

    @Test
    void twoOutputs_train_andTheSummaryListsBothShapes() {
        Keras.setRandomSeed(3);
        KerasTensor in = Keras.input(6, 3);
        List<KerasTensor> two = new Bidirectional(new LSTM(4), null).withName("bi").applyAll(in);
        Functional model = new Functional(List.of(in), two);
        assertTrue(model.summaryText().contains("[(None, 4), (None, 4)]"), model.summaryText());
        model.compile(new SGD(0.5), "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6, 3);
        INDArray y1 = Nd4j.zeros(DataType.FLOAT, 16, 4).addi(0.5);
        INDArray y2 = Nd4j.zeros(DataType.FLOAT, 16, 4).subi(0.5);
        double before = model.evaluate(List.of(x), List.of(y1, y2)).get("loss");
        model.fit(List.of(x), List.of(y1, y2), FitOptions.defaults().epochs(30).batchSize(16).verbose(0));
        double after = model.evaluate(List.of(x), List.of(y1, y2)).get("loss");
        assertTrue(after < before / 2, "loss " + before + " -> " + after);
        assertEquals(2, model.outputs().size());
    }
}
