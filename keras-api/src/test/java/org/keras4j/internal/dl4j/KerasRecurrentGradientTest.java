package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keras4j.internal.dl4j.RnnFixture.BATCH;
import static org.keras4j.internal.dl4j.RnnFixture.FEATURES;
import static org.keras4j.internal.dl4j.RnnFixture.STEPS;
import static org.keras4j.internal.dl4j.RnnFixture.UNITS;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The backward pass of keras4j's recurrent layer equals central finite differences, written
 * here, of {@code L = sum(output * R)} for a fixed random {@code R}: the gradients of every
 * parameter and of every input (with packed states, of the initial states too), for every cell,
 * direction and output, masked, with dropout (the same masks drawn for every evaluation) and
 * through DL4J's own gradient check in a network with a loss.
 */
class KerasRecurrentGradientTest {
    private static final double EPSILON = 1e-6;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private static List<Supplier<BaseRNN<?>>> cells() {
        return List.of(() -> new SimpleRNN(UNITS).withName("rnn"), () -> new LSTM(UNITS).withName("lstm"),
                () -> new GRU(UNITS).withName("gru"), () -> new GRU(UNITS).withName("gru").withResetAfter(false));
    }

    @Test
    void everyCell_bothOutputs_bothDirections_equalFiniteDifferences() {
        for (Supplier<BaseRNN<?>> cell : cells()) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (boolean backwards : new boolean[] {false, true}) {
                    BaseRNN<?> layer = cell.get().withReturnSequences(sequences).withGoBackwards(backwards);
                    check(onKerasLayer(layer, false), RnnFixture.sequences(21, BATCH, STEPS), null, false,
                            layer + " returnSequences=" + sequences + " goBackwards=" + backwards);
                }
            }
        }
    }

    @Test
    void noBiasAndOtherActivations_equalFiniteDifferences() {
        List<BaseRNN<?>> layers = List.of(new SimpleRNN(UNITS, "relu").withUseBias(false).withReturnSequences(true),
                new LSTM(UNITS, "softsign").withRecurrentActivation("hard_sigmoid").withUseBias(false),
                new GRU(UNITS, "linear").withRecurrentActivation("hard_sigmoid").withReturnSequences(true),
                new GRU(UNITS, "selu").withResetAfter(false).withUseBias(false));
        for (BaseRNN<?> layer : layers) {
            check(onKerasLayer(layer, false), RnnFixture.sequences(22, BATCH, STEPS), null, false, layer.toString());
        }
    }

    @Test
    void maskedSequences_preAndPostPadded_withAHole_equalFiniteDifferences() {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
        mask.get(point(0), interval(3, STEPS)).assign(0); // post-padded
        mask.get(point(1), interval(0, 2)).assign(0);      // pre-padded
        mask.putScalar(2, 2, 0);                          // a hole
        for (Supplier<BaseRNN<?>> cell : cells()) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (boolean zeros : new boolean[] {false, true}) {
                    BaseRNN<?> layer = cell.get().withReturnSequences(sequences).withGoBackwards(sequences && zeros)
                            .withZeroOutputForMask(zeros);
                    check(onKerasLayer(layer, false), RnnFixture.sequences(23, BATCH, STEPS), mask, false,
                            layer + " masked, returnSequences=" + sequences + " zeroOutputForMask=" + zeros);
                }
            }
        }
    }

    @Test
    void packedStates_gradientsReachTheInitialStates_andComeFromTheFinalStates() {
        for (Supplier<BaseRNN<?>> cell : cells()) {
            for (boolean sequences : new boolean[] {false, true}) {
                BaseRNN<?> layer = cell.get().withReturnSequences(sequences).withGoBackwards(sequences);
                RnnFixture f = RnnFixture.packed(layer, RnnReference.TANH, RnnReference.SIGMOID, true, true, 24);
                INDArray sequence = RnnFixture.sequences(25, BATCH, STEPS).reshape(BATCH, STEPS * FEATURES);
                Nd4j.getRandom().setSeed(26);
                INDArray states = Nd4j.rand(DataType.DOUBLE, BATCH, layer.stateCount() * UNITS).subi(0.5);
                INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
                mask.putScalar(1, 0, 0); // a masked first step keeps the given initial state
                check(withGradients(f.net), Nd4j.concat(1, sequence, states), mask, false, layer + " packed");
            }
        }
    }

    @Test
    void dropoutAndRecurrentDropout_sameMasks_equalFiniteDifferences() {
        for (Supplier<BaseRNN<?>> cell : cells()) {
            for (double recurrent : new double[] {0, 0.4}) {
                BaseRNN<?> layer = cell.get().withDropout(0.3).withRecurrentDropout(recurrent).withReturnSequences(true);
                check(onKerasLayer(layer, false), RnnFixture.sequences(27, BATCH, STEPS), null, true,
                        layer + " dropout 0.3, recurrentDropout " + recurrent);
            }
        }
    }

    @Test
    void gruInANetworkWithALoss_passesDl4jsGradientCheck_masked() {
        DataType floatType = Nd4j.defaultFloatingPointType();
        DataType type = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            gruGradientCheck();
        } finally {
            Nd4j.setDefaultDataTypes(type, floatType);
        }
    }

    private static void gruGradientCheck() {
        for (boolean resetAfter : new boolean[] {true, false}) {
            GRU gru = new GRU(UNITS).withResetAfter(resetAfter).withGoBackwards(true);
            MultiLayerNetwork net = RnnFixture.network(
                    Dl4jRecurrentLayers.kerasRecurrent(gru, Shape.of(STEPS, FEATURES), List.of(), false, false),
                    new OutputLayer.Builder(LossFunction.MSE).nIn(UNITS).nOut(2).activation(Activation.TANH).build());
            INDArray x = RnnFixture.sequences(28, BATCH, STEPS);
            Nd4j.getRandom().setSeed(29);
            INDArray y = Nd4j.rand(DataType.DOUBLE, BATCH, 2);
            INDArray mask = Nd4j.ones(DataType.DOUBLE, BATCH, STEPS);
            mask.get(point(2), interval(0, 2)).assign(0);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .inputMask(mask).epsilon(1e-6).maxRelError(1e-6).minAbsoluteError(1e-9)),
                    "GRU resetAfter=" + resetAfter + ": DL4J's gradient check");
        }
    }

    /** The DL4J layer of keras4j's recurrent layer for {@code layer}, weights random in Keras's layout. */
    private static Layer onKerasLayer(BaseRNN<?> layer, boolean packed) {
        return withGradients(RnnFixture.packed(layer, RnnReference.TANH, RnnReference.SIGMOID, packed, packed, 20).net);
    }

    private static Layer withGradients(MultiLayerNetwork net) {
        net.initGradientsView();
        return net.getLayer(0);
    }

    /**
     * Compares the layer's parameter and input gradients of {@code L = sum(output * R)} with
     * central differences; with {@code dropout}, every pass draws the same masks.
     */
    private static void check(Layer layer, INDArray x, INDArray mask, boolean dropout, String what) {
        Nd4j.getRandom().setSeed(30);
        INDArray output = layer.activate(x.dup(), false, NO_WORKSPACES);
        INDArray r = Nd4j.rand(DataType.DOUBLE, output.shape()).subi(0.5);

        layer.setMaskArray(mask);
        Nd4j.getRandom().setSeed(31);
        layer.activate(x.dup(), true, NO_WORKSPACES);
        INDArray inputGradient = layer.backpropGradient(r.dup(), NO_WORKSPACES).getSecond().dup();
        INDArray paramGradient = layer.getGradientsViewArray().dup();

        INDArray params = layer.params();
        for (int i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + EPSILON);
            double plus = loss(layer, x, mask, r, dropout);
            params.putScalar(i, original - EPSILON);
            double minus = loss(layer, x, mask, r, dropout);
            params.putScalar(i, original);
            assertClose((plus - minus) / (2 * EPSILON), paramGradient.getDouble(i), what + ": parameter " + i);
        }
        INDArray probe = x.dup();
        for (int i = 0; i < probe.length(); i++) {
            double original = probe.getDouble(i);
            probe.putScalar(i, original + EPSILON);
            double plus = loss(layer, probe, mask, r, dropout);
            probe.putScalar(i, original - EPSILON);
            double minus = loss(layer, probe, mask, r, dropout);
            probe.putScalar(i, original);
            assertClose((plus - minus) / (2 * EPSILON), inputGradient.getDouble(i), what + ": input " + i);
        }
    }

    private static double loss(Layer layer, INDArray x, INDArray mask, INDArray r, boolean dropout) {
        layer.setMaskArray(mask);
        Nd4j.getRandom().setSeed(31);
        return layer.activate(x.dup(), dropout, NO_WORKSPACES).mul(r).sumNumber().doubleValue();
    }

    private static void assertClose(double numeric, double analytic, String what) {
        double error = Math.abs(numeric - analytic);
        assertTrue(error <= 1e-7 + 1e-5 * Math.max(Math.abs(numeric), Math.abs(analytic)),
                what + ": finite differences " + numeric + ", backprop " + analytic);
    }
}
