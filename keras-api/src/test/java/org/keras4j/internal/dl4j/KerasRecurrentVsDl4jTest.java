package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keras4j.internal.dl4j.RnnFixture.BATCH;
import static org.keras4j.internal.dl4j.RnnFixture.STEPS;
import static org.keras4j.internal.dl4j.RnnFixture.UNITS;

import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.keras4j.internal.dl4j.layers.KerasRecurrentLayer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An LSTM or SimpleRNN run on keras4j's recurrent layer equals the same layer run on DL4J's
 * (keras4j's fused LSTM, DL4J's SimpleRnn), given the same Keras weights: outputs, input
 * gradients and parameter gradients (read in Keras's layout from both).
 */
class KerasRecurrentVsDl4jTest {
    private static final double TOLERANCE = 1e-10;

    @Test
    void lstmAndSimpleRnn_onKeras4jsLayer_equalDl4jsLayers_outputsAndGradients() {
        List<Supplier<BaseRNN<?>>> layers = List.of(() -> new LSTM(UNITS), () -> new LSTM(UNITS, "relu")
                .withRecurrentActivation("hard_sigmoid"), () -> new SimpleRNN(UNITS), () -> new SimpleRNN(UNITS, "relu"));
        for (Supplier<BaseRNN<?>> make : layers) {
            for (boolean sequences : new boolean[] {false, true}) {
                BaseRNN<?> dl4jLayer = make.get().withReturnSequences(sequences);
                BaseRNN<?> ourLayer = make.get().withReturnSequences(sequences);
                String what = dl4jLayer + " returnSequences=" + sequences;
                RnnFixture dl4j = RnnFixture.of(dl4jLayer, null, null, 31);
                Dl4jRecurrentLayers.forceKerasRecurrent(true);
                RnnFixture ours;
                try {
                    ours = RnnFixture.of(ourLayer, null, null, 31);
                } finally {
                    Dl4jRecurrentLayers.forceKerasRecurrent(false);
                }
                assertInstanceOf(KerasRecurrentLayer.class, ours.net.getLayer(0), what);
                assertTrue(!(KerasWeightLayout.unwrapped(dl4j.net.getLayer(0)) instanceof KerasRecurrentLayer), what);

                INDArray x = RnnFixture.sequences(32, BATCH, STEPS);
                INDArray expected = dl4j.net.output(x);
                INDArray actual = ours.net.output(x);
                assertTrue(expected.equalsWithEps(actual, TOLERANCE), what + ": output\n" + expected + "\n" + actual);

                Nd4j.getRandom().setSeed(33);
                INDArray epsilon = Nd4j.rand(DataType.DOUBLE, expected.shape()).subi(0.5);
                INDArray dl4jInputGradient = backward(dl4j.net, x, epsilon);
                INDArray ourInputGradient = backward(ours.net, x, epsilon);
                assertTrue(dl4jInputGradient.equalsWithEps(ourInputGradient, TOLERANCE), what + ": input gradient");
                List<INDArray> dl4jGradients = kerasLayoutGradients(dl4jLayer, dl4j.net);
                List<INDArray> ourGradients = kerasLayoutGradients(ourLayer, ours.net);
                for (int i = 0; i < dl4jGradients.size(); i++) {
                    assertArrayEquals(dl4jGradients.get(i).shape(), ourGradients.get(i).shape(), what);
                    assertTrue(dl4jGradients.get(i).equalsWithEps(ourGradients.get(i), TOLERANCE),
                            what + ": gradient of weight " + i + "\n" + dl4jGradients.get(i) + "\n" + ourGradients.get(i));
                }
            }
        }
    }

    private static INDArray backward(MultiLayerNetwork net, INDArray x, INDArray epsilon) {
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        layer.activate(x.dup(), true, none);
        return layer.backpropGradient(epsilon.dup(), none).getSecond().dup();
    }

    /** The last backward pass's parameter gradients, in Keras's layout: written into the parameters and read back. */
    private static List<INDArray> kerasLayoutGradients(BaseRNN<?> layer, MultiLayerNetwork net) {
        Layer dl4j = net.getLayer(0);
        dl4j.params().assign(dl4j.getGradientsViewArray());
        List<INDArray> out = KerasWeightLayout.of(layer, dl4j).get();
        assertTrue(out.size() == 3, layer + ": kernel, recurrent kernel, bias");
        return out;
    }
}
