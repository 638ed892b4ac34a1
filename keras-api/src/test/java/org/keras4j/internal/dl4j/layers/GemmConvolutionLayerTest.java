package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.keras4j.backend.Backend;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link GemmConvolutionLayer} against DL4J's convolution layer (oneDNN helper installed) on the same parameters. */
class GemmConvolutionLayerTest {

    private static final double TOLERANCE = 1e-4;

    /** conv (k x k, {@code filters}, linear) -> [relu] -> softmax over 3 classes, NHWC. */
    private static MultiLayerNetwork network(boolean keras4j, int h, int w, int cin, int k, int filters, int stride,
                                             ConvolutionMode mode, boolean bias, boolean relu) {
        ConvolutionLayer conv = new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(filters)
                .activation(Activation.IDENTITY).hasBias(bias).biasInit(0.1)
                .convolutionMode(mode).dataFormat(CNN2DFormat.NHWC).build();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(keras4j ? new KerasConvolutionLayer(conv) : conv);
        if (relu) {
            ActivationLayer act = new ActivationLayer.Builder().activation(new StepGradientRelu()).build();
            list.layer(keras4j ? new KerasActivationLayer(act) : act);
        }
        MultiLayerConfiguration conf = list
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(h, w, cin, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        Backend.prepare(net);
        return net;
    }

    private static INDArray input(int n, int h, int w, int cin) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, n, h, w, cin).subi(0.5);
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({
        "Same, 1, 5, 7, 1, 3, 4, true",
        "Same, 3, 5, 7, 3, 5, 2, true",
        "Same, 3, 6, 6, 2, 4, 5, false",
        "Truncate, 1, 7, 5, 1, 3, 4, true",
        "Truncate, 3, 6, 7, 3, 2, 1, true",
        "Truncate, 3, 8, 8, 4, 5, 3, false",
    })
    void layer_forwardAndGradients_equalDl4js(ConvolutionMode mode, int n, int h, int w, int cin, int k, int filters,
                                              boolean bias) {
        MultiLayerNetwork dl4j = network(false, h, w, cin, k, filters, 1, mode, bias, false);
        MultiLayerNetwork ours = network(true, h, w, cin, k, filters, 1, mode, bias, false);
        ours.setParams(dl4j.params());
        GemmConvolutionLayer layer = assertInstanceOf(GemmConvolutionLayer.class, ours.getLayer(0));
        layer.setMaxInputChannels(cin);
        INDArray x = input(n, h, w, cin);
        assertTrue(layer.covers(x), () -> x.shapeInfoToString() + " " + org.keras4j.internal.HostArrays.rowMajorContiguous(x));
        Layer reference = dl4j.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        reference.setInput(x, mgr);
        INDArray expected = reference.activate(true, mgr).dup();
        layer.setInput(x, mgr);
        INDArray actual = layer.activate(true, mgr);
        assertArrayEqualsShape(expected, actual);
        assertTrue(expected.equalsWithEps(actual, TOLERANCE), "forward output");

        Nd4j.getRandom().setSeed(3);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, expected.shape()).subi(0.5);
        Pair<Gradient, INDArray> want = reference.backpropGradient(epsilon.dup(), mgr);
        Pair<Gradient, INDArray> got = layer.backpropGradient(epsilon.dup(), mgr);
        assertTrue(want.getSecond().equalsWithEps(got.getSecond(), TOLERANCE), "input gradient");
        assertTrue(want.getFirst().getGradientFor("W").equalsWithEps(got.getFirst().getGradientFor("W"), TOLERANCE),
                "kernel gradient");
        if (bias) {
            assertTrue(want.getFirst().getGradientFor("b").equalsWithEps(got.getFirst().getGradientFor("b"), TOLERANCE),
                    "bias gradient");
        }
        assertEquals(want.getFirst().gradientForVariable().keySet(), got.getFirst().gradientForVariable().keySet());
    }

    private static void assertArrayEqualsShape(INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
    }

    @ParameterizedTest
    @CsvSource({"Same, true", "Truncate, false", "Same, false"})
    void adamSteps_giveDl4jsWeights(ConvolutionMode mode, boolean relu) {
        MultiLayerNetwork dl4j = network(false, 9, 8, 2, 3, 4, 1, mode, true, relu);
        MultiLayerNetwork ours = network(true, 9, 8, 2, 3, 4, 1, mode, true, relu);
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 0), "same seed, same initial weights");
        INDArray x = input(5, 9, 8, 2);
        INDArray y = labels(5);
        assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), TOLERANCE), "output");
        for (int i = 0; i < 10; i++) {
            dl4j.fit(x, y);
            ours.fit(x, y);
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), TOLERANCE), "parameters after 10 Adam steps");
    }

    @Test
    void fastPathOnAndOff_giveTheSameWeights() {
        MultiLayerNetwork on = network(true, 9, 8, 2, 3, 4, 1, ConvolutionMode.Same, true, true);
        MultiLayerNetwork off = network(true, 9, 8, 2, 3, 4, 1, ConvolutionMode.Same, true, true);
        ((GemmConvolutionLayer) off.getLayer(0)).setEnabled(false);
        INDArray x = input(6, 9, 8, 2);
        INDArray y = labels(6);
        for (int i = 0; i < 5; i++) {
            on.fit(x, y);
            off.fit(x, y);
        }
        assertTrue(on.params().equalsWithEps(off.params(), TOLERANCE));
        assertTrue(on.output(x).equalsWithEps(off.output(x), TOLERANCE), "predictions");
    }

    @Test
    void unusedInputGradient_isNotComputed_andTheWeightGradientsStay() {
        MultiLayerNetwork dl4j = network(false, 6, 6, 2, 3, 4, 1, ConvolutionMode.Same, true, false);
        MultiLayerNetwork ours = network(true, 6, 6, 2, 3, 4, 1, ConvolutionMode.Same, true, false);
        GemmConvolutionLayer layer = (GemmConvolutionLayer) ours.getLayer(0);
        layer.setInputGradientUnused(true);
        INDArray x = input(3, 6, 6, 2);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        INDArray epsilon = layer.activate(true, mgr).mul(0.5);
        Pair<Gradient, INDArray> got = layer.backpropGradient(epsilon, mgr);
        assertNull(got.getSecond());
        dl4j.getLayer(0).setInput(x, mgr);
        dl4j.getLayer(0).activate(true, mgr);
        Pair<Gradient, INDArray> want = dl4j.getLayer(0).backpropGradient(epsilon.dup(), mgr);
        assertTrue(want.getFirst().getGradientFor("W").equalsWithEps(got.getFirst().getGradientFor("W"), TOLERANCE));
    }

    @Test
    void declines_manyInputChannels() {
        GemmConvolutionLayer layer = (GemmConvolutionLayer) network(true, 6, 6, GemmConvolutionLayer.MAX_INPUT_CHANNELS
                + 1, 3, 4, 1, ConvolutionMode.Same, true, false).getLayer(0);
        assertFalse(layer.covers(input(2, 6, 6, GemmConvolutionLayer.MAX_INPUT_CHANNELS + 1)));
        layer.setMaxInputChannels(GemmConvolutionLayer.MAX_INPUT_CHANNELS + 1);
        assertTrue(layer.covers(input(2, 6, 6, GemmConvolutionLayer.MAX_INPUT_CHANNELS + 1)));
    }

    @Test
    void declines_stridesDilationNchwDoubleAndFusedActivations() {
        MultiLayerNetwork strided = network(true, 8, 8, 2, 3, 4, 2, ConvolutionMode.Same, true, false);
        assertFalse(((GemmConvolutionLayer) strided.getLayer(0)).covers(input(2, 8, 8, 2)));
        assertFalse(((GemmConvolutionLayer) network(true, 8, 8, 2, 3, 4, 1, ConvolutionMode.Same, true, false)
                .getLayer(0)).covers(input(2, 8, 8, 2).castTo(DataType.DOUBLE)), "DOUBLE input");
        ConvolutionLayer dilated = new ConvolutionLayer.Builder(3, 3).dilation(2, 2).nIn(2).nOut(4)
                .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).build();
        ConvolutionLayer nchw = new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NCHW).build();
        ConvolutionLayer fused = new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).build();
        for (ConvolutionLayer conf : new ConvolutionLayer[] {dilated, nchw, fused}) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                    .list().layer(new KerasConvolutionLayer(conf))
                    .layer(new OutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.convolutional(8, 8, 2, conf.getCnn2dDataFormat())).build());
            net.init();
            INDArray x = conf.getCnn2dDataFormat() == CNN2DFormat.NCHW ? Nd4j.rand(DataType.FLOAT, 2, 2, 8, 8)
                    : input(2, 8, 8, 2);
            assertFalse(((GemmConvolutionLayer) net.getLayer(0)).covers(x), conf.toString());
            if (conf != dilated) { // oneDNN cannot run DL4J's dilated "same" convolution at all
                net.fit(x, Nd4j.rand(DataType.FLOAT, 2, 1)); // DL4J's own path trains it
            }
        }
    }

    @Test
    void declinedStrides_trainAsDl4j() {
        MultiLayerNetwork dl4j = network(false, 9, 9, 2, 3, 4, 2, ConvolutionMode.Same, true, true);
        MultiLayerNetwork ours = network(true, 9, 9, 2, 3, 4, 2, ConvolutionMode.Same, true, true);
        INDArray x = input(4, 9, 9, 2);
        INDArray y = labels(4);
        for (int i = 0; i < 5; i++) {
            dl4j.fit(x, y);
            ours.fit(x, y);
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), TOLERANCE));
    }
}
