package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keras4j.backend.Backend;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.profiler.OpProfiler;

/** {@link ForwardOnceConvolutionLayer} and {@link CopyFreeReluLayer} against DL4J's layers, as keras4j builds a Conv2D. */
class ForwardOnceConvolutionLayerTest {

    private static final double TOLERANCE = 1e-5;

    @AfterEach
    void profilerOff() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    /** conv 3x3 "same" (4 filters, linear) -> activation -> softmax over 3 classes, NHWC, helpers installed. */
    private static MultiLayerNetwork network(boolean keras4j, IActivation convActivation, IActivation activation) {
        ConvolutionLayer conv = new ConvolutionLayer.Builder(3, 3).nOut(4).activation(convActivation)
                .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).build();
        ActivationLayer act = new ActivationLayer.Builder().activation(activation).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(keras4j ? new KerasConvolutionLayer(conv) : conv)
                .layer(keras4j ? new KerasActivationLayer(act) : act)
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Backend.prepare(net);
        return net;
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, 5, 6, 6, 2).subi(0.5);
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return y;
    }

    private static void assertSameTraining(IActivation convActivation, IActivation activation) {
        MultiLayerNetwork dl4j = network(false, convActivation, activation);
        MultiLayerNetwork ours = network(true, convActivation, activation);
        assertInstanceOf(ForwardOnceConvolutionLayer.class, ours.getLayer(0));
        assertInstanceOf(CopyFreeReluLayer.class, ours.getLayer(1));
        assertNotNull(((ForwardOnceConvolutionLayer) ours.getLayer(0)).getHelper(), "oneDNN helper");
        INDArray x = input();
        INDArray y = labels();
        assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), TOLERANCE), "output");
        assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE),
                "gradient");
        assertEquals(dl4j.score(), ours.score(), TOLERANCE, "score");
        for (int i = 0; i < 10; i++) {
            dl4j.fit(x, y);
            ours.fit(x, y);
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), "parameters after 10 steps");
    }

    @Test
    void linearConvolutionAndRelu_trainAsDl4jsLayers() {
        assertSameTraining(Activation.IDENTITY.getActivationFunction(), new StepGradientRelu());
    }

    @Test
    void otherActivations_runDl4jsCode_withTheSameResults() {
        assertSameTraining(Activation.TANH.getActivationFunction(), Activation.SIGMOID.getActivationFunction());
    }

    @Test
    void backwardPass_convolvesOnceInsteadOfTwice() {
        long dl4j = convolutionsPerTrainingStep(network(false, Activation.IDENTITY.getActivationFunction(),
                new StepGradientRelu()));
        long ours = convolutionsPerTrainingStep(network(true, Activation.IDENTITY.getActivationFunction(),
                new StepGradientRelu()));
        assertEquals(2, dl4j, "DL4J: forward pass and its repetition in the backward pass");
        assertEquals(1, ours);
    }

    private static long convolutionsPerTrainingStep(MultiLayerNetwork net) {
        net.fit(input(), labels());
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        NetworkGradient.of(net, input(), labels());
        long convolutions = OpProfiler.getInstance().getOpCounter().getCount("conv2d");
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        return convolutions;
    }

    @Test
    void configurations_surviveJson() {
        MultiLayerConfiguration conf = network(true, Activation.IDENTITY.getActivationFunction(),
                new StepGradientRelu()).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(KerasConvolutionLayer.class, back.getConf(0).getLayer());
        assertInstanceOf(KerasActivationLayer.class, back.getConf(1).getLayer());
        assertEquals(conf, back);
    }
}
