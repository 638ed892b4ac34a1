package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keras4j.internal.dl4j.RnnFixture.BATCH;
import static org.keras4j.internal.dl4j.RnnFixture.FEATURES;
import static org.keras4j.internal.dl4j.RnnFixture.STEPS;
import static org.keras4j.internal.dl4j.RnnFixture.UNITS;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.KerasRecurrent;
import org.keras4j.internal.dl4j.layers.KerasRecurrentLayer;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What keras4j's recurrent layer does beyond one forward pass: dropout, states across calls, configuration, errors. */
class KerasRecurrentLayerTest {
    private static final LayerWorkspaceMgr NONE = LayerWorkspaceMgr.noWorkspaces();

    @Test
    void dropout_atInference_hasNoEffect() {
        for (var layer : List.of(new GRU(UNITS), new LSTM(UNITS), new SimpleRNN(UNITS))) {
            RnnFixture plain = RnnFixture.of(layer.withReturnSequences(true), null, null, 41);
            var dropped = layer instanceof GRU ? new GRU(UNITS) : layer instanceof LSTM ? new LSTM(UNITS) : new SimpleRNN(UNITS);
            dropped.withReturnSequences(true).withDropout(0.5).withRecurrentDropout(0.5);
            RnnFixture withDropout = RnnFixture.of(dropped, null, null, 41);
            INDArray x = RnnFixture.sequences(42, BATCH, STEPS);
            assertEquals(plain.net.output(x), withDropout.net.output(x), layer.className());
            assertEquals(withDropout.net.output(x), withDropout.net.getLayer(0).activate(x, false, NONE), layer.className());
        }
    }

    @Test
    void dropout_inTraining_dropsTheSameInputFeaturesAtEveryStep_scaledAsKeras() {
        // linear SimpleRNN, kernel = identity, no recurrence or bias: h_t = x_t * mask, and x = 1
        double rate = 0.5;
        SimpleRNN rnn = new SimpleRNN(FEATURES, "linear").withUseBias(false).withDropout(rate).withReturnSequences(true);
        MultiLayerNetwork net = RnnFixture.network(Dl4jRecurrentLayers.translate(rnn, Shape.of(STEPS, FEATURES),
                List.of()).get(0));
        KerasWeightLayout.of(rnn, net.getLayer(0)).set(List.of(Nd4j.eye(FEATURES).castTo(DataType.DOUBLE),
                Nd4j.zeros(DataType.DOUBLE, FEATURES, FEATURES)));
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 8, STEPS, FEATURES);
        Nd4j.getRandom().setSeed(43);
        INDArray h = net.getLayer(0).activate(ones, true, NONE);
        int dropped = 0;
        for (int b = 0; b < 8; b++) {
            INDArray first = h.get(point(b), point(0), all());
            for (int t = 1; t < STEPS; t++) {
                assertEquals(first, h.get(point(b), point(t), all()), "example " + b + ": step " + t + " drops other units");
            }
            for (double v : first.toDoubleVector()) {
                assertTrue(v == 0 || v == 1 / (1 - rate), "a kept unit is scaled by 1 / (1 - rate), got " + v);
                dropped += v == 0 ? 1 : 0;
            }
        }
        assertTrue(dropped > 0 && dropped < 8 * FEATURES, "some units dropped, not all: " + dropped);
        Nd4j.getRandom().setSeed(44);
        assertFalse(h.equals(net.getLayer(0).activate(ones, true, NONE)), "a new mask for every call");
    }

    @Test
    void recurrentDropout_inTraining_dropsTheSameStateUnitsAtEveryStep() {
        // linear SimpleRNN, kernel 0, recurrent kernel identity, bias 1: h_t = m * h_(t-1) + 1
        double rate = 0.5;
        SimpleRNN rnn = new SimpleRNN(UNITS, "linear").withRecurrentDropout(rate).withReturnSequences(true);
        MultiLayerNetwork net = RnnFixture.network(Dl4jRecurrentLayers.translate(rnn, Shape.of(STEPS, FEATURES),
                List.of()).get(0));
        KerasWeightLayout.of(rnn, net.getLayer(0)).set(List.of(Nd4j.zeros(DataType.DOUBLE, FEATURES, UNITS),
                Nd4j.eye(UNITS).castTo(DataType.DOUBLE), Nd4j.ones(DataType.DOUBLE, UNITS)));
        Nd4j.getRandom().setSeed(45);
        INDArray h = net.getLayer(0).activate(Nd4j.ones(DataType.DOUBLE, 8, STEPS, FEATURES), true, NONE);
        for (int b = 0; b < 8; b++) {
            for (int j = 0; j < UNITS; j++) {
                double m = h.getDouble(b, 1, j) - 1; // h_1 = m * 1 + 1
                assertTrue(m == 0 || m == 1 / (1 - rate), "mask value " + m);
                double expected = 1;
                for (int t = 1; t < STEPS; t++) {
                    expected = m * expected + 1;
                    assertEquals(expected, h.getDouble(b, t, j), 1e-12, "example " + b + " unit " + j + " step " + t);
                }
            }
        }
    }

    @Test
    void stateful_twoBatchesInSequence_equalOneBatchOfTheConcatenatedSequences_andResetStatesRestartsFromZeros() {
        for (var layer : List.of(new LSTM(UNITS), new GRU(UNITS), new SimpleRNN(UNITS))) {
            RnnFixture whole = RnnFixture.of(layer.withReturnSequences(true), null, null, 46);
            var stateful = layer instanceof GRU ? new GRU(UNITS) : layer instanceof LSTM ? new LSTM(UNITS) : new SimpleRNN(UNITS);
            RnnFixture halves = RnnFixture.of(stateful.withReturnSequences(true).withStateful(true), null, null, 46);
            INDArray x = RnnFixture.sequences(47, BATCH, 2 * STEPS);
            INDArray first = x.get(all(), interval(0, STEPS), all()).dup();
            INDArray second = x.get(all(), interval(STEPS, 2 * STEPS), all()).dup();
            INDArray expected = whole.net.output(x);
            INDArray out1 = halves.net.output(first);
            INDArray out2 = halves.net.output(second);
            assertTrue(expected.get(all(), interval(0, STEPS), all()).equalsWithEps(out1, 1e-12), layer.className());
            assertTrue(expected.get(all(), interval(STEPS, 2 * STEPS), all()).equalsWithEps(out2, 1e-12),
                    layer.className() + ": the second batch continues from the first's final states");
            ((KerasRecurrentLayer) halves.net.getLayer(0)).resetStates();
            assertTrue(out1.equalsWithEps(halves.net.output(first), 1e-12), layer.className() + ": after resetStates");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> halves.net.output(first.get(interval(0, 1), all(), all()).dup()));
            assertTrue(e.getMessage().contains("is stateful") && e.getMessage().contains("resetStates()"), e.getMessage());
        }
    }

    @Test
    void rnnTimeStep_continuesFromTheStoredStates_likeDl4jsLayers() {
        RnnFixture f = RnnFixture.of(new GRU(UNITS).withReturnSequences(true), null, null, 48);
        INDArray x = RnnFixture.sequences(49, BATCH, 2 * STEPS);
        INDArray expected = f.net.output(x);
        f.net.rnnTimeStep(x.get(all(), interval(0, STEPS), all()).dup());
        INDArray second = f.net.rnnTimeStep(x.get(all(), interval(STEPS, 2 * STEPS), all()).dup());
        assertTrue(expected.get(all(), interval(STEPS, 2 * STEPS), all()).equalsWithEps(second, 1e-12));
        // one step given as [batch, features] to the layer (DL4J's network reshapes such input as NCW)
        INDArray single = ((KerasRecurrentLayer) f.net.getLayer(0)).rnnTimeStep(x.get(all(), point(0), all()).dup(), NONE);
        assertEquals(2, single.rank());
        f.net.rnnClearPreviousState();
        assertTrue(expected.get(all(), interval(0, STEPS), all())
                .equalsWithEps(f.net.rnnTimeStep(x.get(all(), interval(0, STEPS), all()).dup()), 1e-12));
    }

    @Test
    void backwardWithoutATrainingPassOfThatInput_repeatsIt() {
        RnnFixture f = RnnFixture.of(new GRU(UNITS).withReturnSequences(true), null, null, 50);
        f.net.initGradientsView();
        Layer layer = f.net.getLayer(0);
        INDArray x = RnnFixture.sequences(51, BATCH, STEPS);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, BATCH, STEPS, UNITS);
        layer.activate(x.dup(), true, NONE);
        Pair<Gradient, INDArray> kept = layer.backpropGradient(epsilon, NONE);
        INDArray expectedInput = kept.getSecond().dup();
        INDArray expectedParams = layer.getGradientsViewArray().dup();
        layer.activate(RnnFixture.sequences(52, BATCH, STEPS), false, NONE); // another input in between
        layer.setInput(x.dup(), NONE);
        INDArray repeated = layer.backpropGradient(epsilon, NONE).getSecond();
        assertTrue(expectedInput.equalsWithEps(repeated, 1e-12));
        assertTrue(expectedParams.equalsWithEps(layer.getGradientsViewArray(), 1e-12));
    }

    @Test
    void configuration_jsonRoundTrip_keepsEveryField_andTheNetworkRebuilds() {
        KerasRecurrent conf = Dl4jRecurrentLayers.kerasRecurrent(new GRU(UNITS).withName("gru").withGoBackwards(true)
                .withDropout(0.1).withResetAfter(false).withStateful(true).withBiasInitializer("ones"),
                Shape.of(STEPS, FEATURES), List.of(), true, true);
        MultiLayerNetwork net = RnnFixture.network(conf);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertInstanceOf(KerasRecurrent.class, back.getConf(0).getLayer());
        assertEquals(net.getLayerWiseConfigurations().getConf(0).getLayer(), back.getConf(0).getLayer());
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(back);
        rebuilt.init(net.params().dup(), false);
        INDArray packed = Nd4j.rand(DataType.DOUBLE, BATCH, STEPS * FEATURES + UNITS);
        assertEquals(net.output(packed), rebuilt.output(packed));
        assertEquals(1.0, net.getLayer(0).getParam("b").minNumber().doubleValue(), "the bias initializer");
    }

    @Test
    void outputTypes_followThePackedContract() {
        KerasRecurrent lstm = Dl4jRecurrentLayers.kerasRecurrent(new LSTM(UNITS).withReturnSequences(true),
                Shape.of(STEPS, FEATURES), List.of(), true, true);
        assertEquals(InputType.feedForward(STEPS * UNITS + 2 * UNITS),
                lstm.getOutputType(0, InputType.feedForward(STEPS * FEATURES + 2 * UNITS)));
        KerasRecurrent plain = Dl4jRecurrentLayers.kerasRecurrent(new GRU(UNITS), Shape.of(STEPS, FEATURES), List.of(),
                false, false);
        assertEquals(InputType.feedForward(UNITS), plain.getOutputType(0,
                InputType.recurrent(FEATURES, STEPS, org.deeplearning4j.nn.conf.RNNFormat.NWC)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.getOutputType(0, InputType.recurrent(FEATURES, STEPS)));
        assertTrue(e.getMessage().startsWith("LSTM 'null' expects packed rows [batch, time * features + 2 * units]"
                + " = [batch, 5 * 4 + 2 * 3], got InputTypeRecurrent("), e.getMessage());
    }

    @Test
    void wrongInput_throwsNamingTheLayerTheExpectedAndTheActualShape() {
        RnnFixture f = RnnFixture.of(new GRU(UNITS).withName("gru_7"), null, null, 53);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.net.output(Nd4j.rand(DataType.DOUBLE, BATCH, STEPS, FEATURES + 1)));
        assertEquals("GRU 'gru_7' expects a sequence [batch, time, 4] (NWC), got [3, 5, 5]", e.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> f.net.output(Nd4j.rand(DataType.DOUBLE, BATCH, STEPS, FEATURES), false,
                        Nd4j.ones(DataType.DOUBLE, BATCH, STEPS + 1), null));
        assertTrue(mask.getMessage().contains("expects a mask [batch, time] = [3, 5], got [3, 6]"), mask.getMessage());
    }
}
