package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.Shape;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A keras4j recurrent layer translated into a one-layer DL4J network in double precision, with
 * random weights set in Keras's layout, and the hand-written Keras layer ({@link RnnReference})
 * holding the same weights.
 *
 * <pre>{@code
 * RnnFixture f = RnnFixture.of(new GRU(3).withName("gru"), RnnReference.TANH, RnnReference.SIGMOID, false, false, 1);
 * INDArray out = f.net.output(x);
 * }</pre>
 */
final class RnnFixture {
    static final int BATCH = 3;
    static final int STEPS = 5;
    static final int FEATURES = 4;
    static final int UNITS = 3;

    final BaseRNN<?> layer;
    final MultiLayerNetwork net;
    final RnnReference reference;
    final List<INDArray> weights;

    private RnnFixture(BaseRNN<?> layer, MultiLayerNetwork net, RnnReference reference, List<INDArray> weights) {
        this.layer = layer;
        this.net = net;
        this.reference = reference;
        this.weights = weights;
    }

    /** The layer as {@link Dl4jRecurrentLayers#translate} runs it, weights drawn from {@code seed}. */
    static RnnFixture of(BaseRNN<?> layer, DoubleUnaryOperator activation, DoubleUnaryOperator recurrentActivation,
                         long seed) {
        Layer conf = Dl4jRecurrentLayers.translate(layer, Shape.of(STEPS, FEATURES), List.of()).get(0);
        return build(layer, conf, activation, recurrentActivation, seed);
    }

    /** keras4j's recurrent layer with the packed state contract. */
    static RnnFixture packed(BaseRNN<?> layer, DoubleUnaryOperator activation, DoubleUnaryOperator recurrentActivation,
                             boolean stateInputs, boolean returnState, long seed) {
        Layer conf = Dl4jRecurrentLayers.kerasRecurrent(layer, Shape.of(STEPS, FEATURES), List.of(), stateInputs,
                returnState);
        return build(layer, conf, activation, recurrentActivation, seed);
    }

    static MultiLayerNetwork network(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .updater(new NoOp()).list();
        for (Layer l : layers) {
            list.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static RnnFixture build(BaseRNN<?> layer, Layer conf, DoubleUnaryOperator activation,
                                    DoubleUnaryOperator recurrentActivation, long seed) {
        MultiLayerNetwork net = network(conf);
        List<INDArray> weights = kerasWeights(layer, seed);
        KerasWeightLayout.of(layer, net.getLayer(0)).set(weights);
        return new RnnFixture(layer, net, reference(layer, weights, activation, recurrentActivation), weights);
    }

    /** Keras's {@code layer} written out by hand ({@link RnnReference}) with Keras-layout {@code weights}. */
    static RnnReference reference(BaseRNN<?> layer, List<INDArray> weights, DoubleUnaryOperator activation,
                                  DoubleUnaryOperator recurrentActivation) {
        RnnReference.Cell cell = layer instanceof LSTM ? RnnReference.Cell.LSTM
                : layer instanceof GRU g ? (g.resetAfter() ? RnnReference.Cell.GRU : RnnReference.Cell.GRU_RESET_BEFORE)
                : RnnReference.Cell.SIMPLE_RNN;
        double[] bias = null;
        double[] recurrentBias = null;
        if (layer.useBias()) {
            INDArray b = weights.get(2);
            bias = b.rank() == 1 ? b.toDoubleVector() : b.getRow(0).toDoubleVector();
            recurrentBias = b.rank() == 1 ? null : b.getRow(1).toDoubleVector();
        }
        RnnReference reference = new RnnReference(cell, weights.get(0).toDoubleMatrix(), weights.get(1).toDoubleMatrix(),
                bias, recurrentBias, activation, recurrentActivation);
        reference.goBackwards = layer.goBackwards();
        reference.zeroOutputForMask = layer.zeroOutputForMask();
        return reference;
    }

    /** Random weights in Keras's shapes: kernel, recurrent kernel and, with a bias, the bias. */
    static List<INDArray> kerasWeights(BaseRNN<?> layer, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<INDArray> out = new ArrayList<>();
        out.add(Nd4j.rand(DataType.DOUBLE, layer.kernelShape(FEATURES)).subi(0.5));
        out.add(Nd4j.rand(DataType.DOUBLE, layer.recurrentKernelShape()).subi(0.5));
        if (layer.useBias()) {
            long[] biasShape = layer instanceof GRU g ? g.biasShape() : new long[] {layer.kernelShape(FEATURES)[1]};
            out.add(Nd4j.rand(DataType.DOUBLE, biasShape).subi(0.5));
        }
        return out;
    }

    /** Sequences {@code [batch, steps, features]} in (-1, 1). */
    static INDArray sequences(long seed, int batch, int steps) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, batch, steps, FEATURES).subi(0.5).muli(2);
    }

    static double[][][] array3(INDArray a) {
        double[][][] out = new double[(int) a.size(0)][(int) a.size(1)][];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = a.slice(i).getRow(j).toDoubleVector();
            }
        }
        return out;
    }

    static void assertClose(double[][] expected, INDArray actual, double tolerance, String what) {
        assertEquals(expected.length, actual.size(0), what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), tolerance, what + " at [" + i + ", " + j + "]");
            }
        }
    }

    static void assertClose(double[][][] expected, INDArray actual, double tolerance, String what) {
        assertEquals(expected.length, actual.size(0), what + ": batch");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                for (int k = 0; k < expected[i][j].length; k++) {
                    assertEquals(expected[i][j][k], actual.getDouble(i, j, k), tolerance,
                            what + " at [" + i + ", " + j + ", " + k + "]");
                }
            }
        }
    }
}
