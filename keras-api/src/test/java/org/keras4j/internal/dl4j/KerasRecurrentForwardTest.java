package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.keras4j.internal.dl4j.RnnFixture.BATCH;
import static org.keras4j.internal.dl4j.RnnFixture.FEATURES;
import static org.keras4j.internal.dl4j.RnnFixture.STEPS;
import static org.keras4j.internal.dl4j.RnnFixture.UNITS;
import static org.keras4j.internal.dl4j.RnnFixture.assertClose;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.internal.dl4j.layers.KerasRecurrentLayer;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * keras4j's recurrent layer computes Keras 3's forward pass: every cell, in both directions,
 * with and without bias, masked, and with states in and out, equals {@link RnnReference}, Keras
 * written out by hand, given the same weights in Keras's layout.
 */
class KerasRecurrentForwardTest {
    private static final double TOLERANCE = 1e-10;

    /** A fresh layer of one kind with its activations, and the same activations for the reference. */
    private record Kind(String name, Supplier<BaseRNN<?>> layer, DoubleUnaryOperator activation,
                        DoubleUnaryOperator recurrentActivation) {
    }

    private static List<Kind> kinds() {
        return List.of(
                new Kind("SimpleRNN", () -> new SimpleRNN(UNITS).withName("rnn"), RnnReference.TANH, null),
                new Kind("LSTM", () -> new LSTM(UNITS).withName("lstm").withGoBackwards(false), RnnReference.TANH,
                        RnnReference.SIGMOID),
                new Kind("GRU", () -> new GRU(UNITS).withName("gru"), RnnReference.TANH, RnnReference.SIGMOID),
                new Kind("GRU reset_after=false", () -> new GRU(UNITS).withName("gru").withResetAfter(false),
                        RnnReference.TANH, RnnReference.SIGMOID));
    }

    @Test
    void everyCell_bothOutputs_bothDirections_withAndWithoutBias_equalKerasByHand() {
        INDArray x = RnnFixture.sequences(3, BATCH, STEPS);
        for (Kind kind : kinds()) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (boolean backwards : new boolean[] {false, true}) {
                    for (boolean bias : new boolean[] {true, false}) {
                        BaseRNN<?> layer = kind.layer().get();
                        layer.withReturnSequences(sequences).withGoBackwards(backwards).withUseBias(bias);
                        String what = kind.name() + " returnSequences=" + sequences + " goBackwards=" + backwards
                                + " useBias=" + bias;
                        RnnFixture f = RnnFixture.of(layer, kind.activation(), kind.recurrentActivation(), 11);
                        if (layer instanceof GRU || backwards || !bias) {
                            assertInstanceOf(KerasRecurrentLayer.class, KerasWeightLayout.unwrapped(f.net.getLayer(0)),
                                    what + " runs on keras4j's layer");
                        }
                        assertOutput(f, x, null, null, what);
                    }
                }
            }
        }
    }

    @Test
    void lstmAndSimpleRnn_onKeras4jsLayer_equalKerasByHand() {
        Dl4jRecurrentLayers.forceKerasRecurrent(true);
        try {
            INDArray x = RnnFixture.sequences(4, BATCH, STEPS);
            for (Kind kind : kinds().subList(0, 2)) {
                for (boolean sequences : new boolean[] {false, true}) {
                    BaseRNN<?> layer = kind.layer().get().withReturnSequences(sequences);
                    RnnFixture f = RnnFixture.of(layer, kind.activation(), kind.recurrentActivation(), 12);
                    assertInstanceOf(KerasRecurrentLayer.class, f.net.getLayer(0));
                    assertOutput(f, x, null, null, kind.name() + " returnSequences=" + sequences);
                }
            }
        } finally {
            Dl4jRecurrentLayers.forceKerasRecurrent(false);
        }
    }

    @Test
    void otherActivations_reluAndHardSigmoid_equalKerasByHand() {
        INDArray x = RnnFixture.sequences(5, BATCH, STEPS);
        List<Kind> relu = List.of(
                new Kind("SimpleRNN relu", () -> new SimpleRNN(UNITS, "relu").withUseBias(false), RnnReference.RELU, null),
                new Kind("LSTM relu/hard_sigmoid", () -> new LSTM(UNITS, "relu").withRecurrentActivation("hard_sigmoid")
                        .withGoBackwards(true), RnnReference.RELU, RnnReference.HARD_SIGMOID),
                new Kind("GRU relu/hard_sigmoid", () -> new GRU(UNITS, "relu").withRecurrentActivation("hard_sigmoid"),
                        RnnReference.RELU, RnnReference.HARD_SIGMOID),
                new Kind("GRU linear/sigmoid", () -> new GRU(UNITS, "linear").withResetAfter(false),
                        v -> v, RnnReference.SIGMOID));
        for (Kind kind : relu) {
            for (boolean sequences : new boolean[] {false, true}) {
                BaseRNN<?> layer = kind.layer().get().withReturnSequences(sequences);
                assertOutput(RnnFixture.of(layer, kind.activation(), kind.recurrentActivation(), 13), x, null, null,
                        kind.name() + " returnSequences=" + sequences);
            }
        }
    }

    @Test
    void maskedBatch_equalsKerasByHand_andEachUnpaddedSequenceAlone_preAndPostPadded() {
        int[] lengths = {5, 3, 1};
        for (Kind kind : kinds()) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (boolean backwards : new boolean[] {false, true}) {
                    for (boolean prePadded : new boolean[] {false, true}) {
                        BaseRNN<?> layer = kind.layer().get().withReturnSequences(sequences).withGoBackwards(backwards);
                        String what = kind.name() + " returnSequences=" + sequences + " goBackwards=" + backwards
                                + (prePadded ? " pre-padded" : " post-padded");
                        Dl4jRecurrentLayers.forceKerasRecurrent(true);
                        RnnFixture f;
                        try {
                            f = RnnFixture.of(layer, kind.activation(), kind.recurrentActivation(), 14);
                        } finally {
                            Dl4jRecurrentLayers.forceKerasRecurrent(false);
                        }
                        INDArray x = RnnFixture.sequences(6, BATCH, STEPS);
                        INDArray mask = padding(lengths, prePadded);
                        INDArray padded = x.mul(mask.reshape(BATCH, STEPS, 1)); // the padding holds zeros, as Keras's
                        assertOutput(f, padded, mask, null, what);

                        INDArray out = f.net.output(padded, false, mask, null);
                        for (int b = 0; b < BATCH; b++) {
                            int length = lengths[b];
                            int start = prePadded ? STEPS - length : 0;
                            INDArray alone = f.net.output(padded.get(interval(b, b + 1), interval(start, start + length),
                                    all()).dup());
                            if (!sequences) {
                                assertClose(new double[][] {alone.toDoubleVector()}, out.get(interval(b, b + 1), all()),
                                        TOLERANCE, what + ": example " + b + " alone");
                                continue;
                            }
                            for (int s = 0; s < length; s++) {
                                // the step of the padded batch that processes the same input as step s of the sequence alone
                                int padStep = backwards ? (prePadded ? s : s + STEPS - length) : s + start;
                                assertArrayEquals(alone.get(point(0), point(s), all()).toDoubleVector(),
                                        out.get(point(b), point(padStep), all()).toDoubleVector(), TOLERANCE,
                                        what + ": example " + b + " step " + s + " alone");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void maskedBatchLoss_equalsTheMeanLossOfTheUnpaddedSequences() {
        int[] lengths = {5, 2, 4};
        for (Kind kind : kinds()) {
            for (boolean prePadded : new boolean[] {false, true}) {
                BaseRNN<?> layer = kind.layer().get().withGoBackwards(prePadded);
                org.deeplearning4j.nn.conf.layers.Layer conf = Dl4jRecurrentLayers.kerasRecurrent(layer,
                        org.keras4j.Shape.of(STEPS, FEATURES), List.of(), false, false);
                MultiLayerNetwork net = RnnFixture.network(conf, new OutputLayer.Builder(LossFunction.MSE).nIn(UNITS)
                        .nOut(2).activation(Activation.IDENTITY).build());
                INDArray x = RnnFixture.sequences(7, BATCH, STEPS);
                INDArray mask = padding(lengths, prePadded);
                INDArray padded = x.mul(mask.reshape(BATCH, STEPS, 1));
                Nd4j.getRandom().setSeed(8);
                INDArray y = Nd4j.rand(DataType.DOUBLE, BATCH, 2);
                double batchLoss = net.score(new DataSet(padded, y, mask, null));
                double sum = 0;
                for (int b = 0; b < BATCH; b++) {
                    int start = prePadded ? STEPS - lengths[b] : 0;
                    INDArray alone = padded.get(interval(b, b + 1), interval(start, start + lengths[b]), all()).dup();
                    sum += net.score(new DataSet(alone, y.get(interval(b, b + 1), all()).dup()));
                }
                assertEquals(sum / BATCH, batchLoss, 1e-12, kind.name() + (prePadded ? " pre-padded" : " post-padded"));
            }
        }
    }

    @Test
    void zeroOutputForMask_outputsZerosAtMaskedSteps_asKerasByHand() {
        for (Kind kind : kinds()) {
            BaseRNN<?> layer = kind.layer().get().withReturnSequences(true).withZeroOutputForMask(true);
            RnnFixture f = RnnFixture.of(layer, kind.activation(), kind.recurrentActivation(), 15);
            INDArray mask = padding(new int[] {3, 5, 2}, false);
            mask.putScalar(1, 1, 0); // a hole inside the sequence
            INDArray out = assertOutput(f, RnnFixture.sequences(9, BATCH, STEPS), mask, null, kind.name());
            assertEquals(0.0, out.get(point(0), point(4), all()).amaxNumber().doubleValue(), kind.name());
        }
    }

    @Test
    void packedStateInputsAndReturnState_equalKerasByHand_fromTheGivenInitialStates() {
        INDArray x = RnnFixture.sequences(10, BATCH, STEPS);
        for (Kind kind : kinds()) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (boolean backwards : new boolean[] {false, true}) {
                    BaseRNN<?> layer = kind.layer().get().withReturnSequences(sequences).withGoBackwards(backwards);
                    int states = layer.stateCount();
                    String what = kind.name() + " returnSequences=" + sequences + " goBackwards=" + backwards;
                    RnnFixture f = RnnFixture.packed(layer, kind.activation(), kind.recurrentActivation(), true, true, 16);
                    Nd4j.getRandom().setSeed(17);
                    INDArray initial = Nd4j.rand(DataType.DOUBLE, BATCH, states * UNITS).subi(0.5);
                    INDArray packed = Nd4j.concat(1, x.reshape(BATCH, STEPS * FEATURES), initial);
                    INDArray out = f.net.output(packed);
                    double[][][] initialStates = new double[states][BATCH][];
                    for (int s = 0; s < states; s++) {
                        for (int b = 0; b < BATCH; b++) {
                            initialStates[s][b] = initial.get(point(b), interval(s * UNITS, (s + 1) * UNITS)).toDoubleVector();
                        }
                    }
                    RnnReference.Result expected = f.reference.run(RnnFixture.array3(x), null, initialStates);
                    long outputSize = sequences ? STEPS * UNITS : UNITS;
                    assertArrayEquals(new long[] {BATCH, outputSize + states * UNITS}, out.shape(), what);
                    INDArray head = out.get(all(), interval(0, outputSize));
                    if (sequences) {
                        assertClose(expected.outputs(), head.dup().reshape(BATCH, STEPS, UNITS), TOLERANCE, what);
                    } else {
                        assertClose(expected.last(), head, TOLERANCE, what);
                    }
                    for (int s = 0; s < states; s++) {
                        assertClose(expected.states()[s], out.get(all(), interval(outputSize + s * UNITS,
                                outputSize + (s + 1) * UNITS)), TOLERANCE, what + " final state " + s);
                    }
                }
            }
        }
    }

    @Test
    void gruInASequentialModel_predictsKerasByHand_fromSetWeights() {
        Keras.setRandomSeed(3);
        GRU gru = new GRU(UNITS).withReturnSequences(true).withGoBackwards(true);
        Sequential model = new Sequential(new Input(STEPS, FEATURES), gru);
        model.compile("adam", "mse");
        List<INDArray> weights = RnnFixture.kerasWeights(gru, 18);
        gru.setWeights(weights);
        INDArray x = RnnFixture.sequences(19, BATCH, STEPS);
        RnnReference reference = new RnnReference(RnnReference.Cell.GRU, weights.get(0).toDoubleMatrix(),
                weights.get(1).toDoubleMatrix(), weights.get(2).getRow(0).toDoubleVector(),
                weights.get(2).getRow(1).toDoubleVector(), RnnReference.TANH, RnnReference.SIGMOID);
        reference.goBackwards = true;
        INDArray predicted = model.predict(x.castTo(DataType.FLOAT));
        assertClose(reference.run(RnnFixture.array3(x), null, null).outputs(), predicted, 1e-5, "GRU in a model");
        for (int i = 0; i < weights.size(); i++) {
            assertEquals(weights.get(i).castTo(DataType.FLOAT), gru.getWeights().get(i),
                    "getWeights returns weight " + i + " in Keras's layout");
        }
    }

    /** A mask {@code [batch, steps]} with {@code lengths[b]} ones, at the start (post-padded) or at the end. */
    private static INDArray padding(int[] lengths, boolean prePadded) {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, STEPS);
        for (int b = 0; b < lengths.length; b++) {
            int start = prePadded ? STEPS - lengths[b] : 0;
            mask.get(point(b), interval(start, start + lengths[b])).assign(1);
        }
        return mask;
    }

    /** Checks the network's output for {@code x} (and mask, initial states) against the reference; returns it. */
    private static INDArray assertOutput(RnnFixture f, INDArray x, INDArray mask, double[][][] initial, String what) {
        INDArray out = mask == null ? f.net.output(x) : f.net.output(x, false, mask, null);
        RnnReference.Result expected = f.reference.run(RnnFixture.array3(x), mask == null ? null : mask.toDoubleMatrix(),
                initial);
        if (f.layer.returnSequences()) {
            assertArrayEquals(new long[] {x.size(0), x.size(1), UNITS}, out.shape(), what);
            assertClose(expected.outputs(), out, TOLERANCE, what);
        } else {
            assertArrayEquals(new long[] {x.size(0), UNITS}, out.shape(), what);
            assertClose(expected.last(), out, TOLERANCE, what);
        }
        return out;
    }
}
