package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.profiler.OpProfiler;

class SoftmaxCrossentropyOutputTest {

    private static final double TOLERANCE = 1e-5;

    @AfterEach
    void reset() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        System.clearProperty(SoftmaxCrossentropyOutput.PROPERTY);
    }

    private static OutputLayer.Builder softmaxOutput() {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(4).activation(Activation.SOFTMAX);
    }

    /** A 9-6-4 relu / softmax network from DL4J's layers or keras4j's, with the same initial parameters. */
    private static MultiLayerNetwork network(boolean keras4j, UnaryOperator<OutputLayer.Builder> output) {
        DenseLayer hidden = new DenseLayer.Builder().nIn(9).nOut(6).activation(Activation.RELU).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.FLOAT).updater(new Adam(0.02)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(keras4j ? new KerasDenseLayer(hidden) : hidden)
                .layer(keras4j ? new KerasOutputLayer(output.apply(softmaxOutput())) : output.apply(softmaxOutput()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork network(boolean keras4j) {
        return network(keras4j, b -> b);
    }

    private static INDArray features(long rows) {
        Nd4j.getRandom().setSeed(8);
        return Nd4j.randn(DataType.FLOAT, rows, 9).muli(3);
    }

    private static INDArray labels(long rows) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 4);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, (i * 7) % 4, 1f);
        }
        return y;
    }

    /** ND4J matrix products in one gradient computation: the fused output layer runs none. */
    private static long products(MultiLayerNetwork net, INDArray x, INDArray y) {
        return products(() -> NetworkGradient.of(net, x, y));
    }

    private static long products(Runnable step) {
        step.run();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        step.run();
        long products = OpProfiler.getInstance().getOpCounter().getCount("matmul");
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        return products;
    }

    @Test
    void gradientScoreAndAdamSteps_equalDl4jsOutputLayer() {
        MultiLayerNetwork dl4j = network(false);
        MultiLayerNetwork ours = network(true);
        assertEquals(dl4j.params(), ours.params());
        INDArray x = features(33);
        INDArray y = labels(33);
        assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE));
        assertEquals(dl4j.score(), ours.score(), TOLERANCE);

        for (int i = 0; i < 20; i++) {
            dl4j.fit(x, y);
            ours.fit(x, y);
            assertEquals(dl4j.score(), ours.score(), 1e-4, "score of step " + i);
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), "parameters after 20 Adam steps");
        // DL4J's hidden layer multiplies again for relu's derivative; keras4j's keeps its pre-activation
        assertEquals(products(dl4j, x, y) - 1 - 4, products(ours, x, y),
                "the output layer's two forward products, weight and input gradients run in OpenBLAS directly");
    }

    @Test
    void keras4jsWrappedLossAndNoBias_equalDl4js() {
        UnaryOperator<OutputLayer.Builder> wrapped = b -> b.lossFunction(new OutputLayerLoss(new LossMCXENT())).hasBias(false);
        MultiLayerNetwork dl4j = network(false, wrapped);
        MultiLayerNetwork ours = network(true, wrapped);
        INDArray x = features(8);
        INDArray y = labels(8);
        assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE));
        assertEquals(dl4j.score(), ours.score(), TOLERANCE);
        assertEquals(products(dl4j, x, y) - 1 - 4, products(ours, x, y));
    }

    @Test
    void sameSeed_trainsAlikeWithThePathSwitchedOff() {
        MultiLayerNetwork on = network(true);
        System.setProperty(SoftmaxCrossentropyOutput.PROPERTY, "false");
        MultiLayerNetwork off = network(true);
        INDArray x = features(16);
        INDArray y = labels(16);
        assertEquals(products(network(false), x, y) - 1, products(off, x, y), "switched off: DL4J's output layer");
        for (int i = 0; i < 10; i++) {
            on.fit(x, y);
            off.fit(x, y);
        }
        assertTrue(on.params().equalsWithEps(off.params(), 1e-4));
        assertEquals(on.score(), off.score(), 1e-4);
    }

    @Test
    void declines_otherActivationsLossesWeightsMasksAndDropout_asDl4j() {
        assertDeclinedAndEqual(b -> b.activation(Activation.SIGMOID).lossFunction(LossFunction.XENT), null);
        assertDeclinedAndEqual(b -> b.lossFunction(new LossMCXENT(Nd4j.createFromArray(1f, 2f, 1f, 0.5f))), null);
        assertDeclinedAndEqual(b -> b.dropOut(0.5), null);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 12, 1);
        mask.putScalar(3, 0f);
        assertDeclinedAndEqual(b -> b, mask);
    }

    private static void assertDeclinedAndEqual(UnaryOperator<OutputLayer.Builder> settings, INDArray labelMask) {
        MultiLayerNetwork dl4j = network(false, settings);
        MultiLayerNetwork ours = network(true, settings);
        INDArray x = features(12);
        INDArray y = labels(12);
        boolean dropout = ours.getLayer(1).conf().getLayer() instanceof OutputLayer o && o.getIDropout() != null;
        if (labelMask == null && !dropout) {
            assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE));
            assertEquals(dl4j.score(), ours.score(), TOLERANCE);
        }
        if (labelMask != null) {
            dl4j.fit(new DataSet(x, y, null, labelMask));
            ours.fit(new DataSet(x, y, null, labelMask));
            assertTrue(dl4j.params().equalsWithEps(ours.params(), TOLERANCE));
            assertEquals(dl4j.score(), ours.score(), TOLERANCE);
        }
        // DL4J's output layer: the hidden layer's reused pre-activation is the only product saved
        DataSet batch = new DataSet(x, y, null, labelMask);
        assertEquals(products(() -> dl4j.fit(batch)) - 1, products(() -> ours.fit(batch)));
    }

    @Test
    void scoreWithoutBackwardPass_isDl4js() {
        MultiLayerNetwork dl4j = network(false);
        MultiLayerNetwork ours = network(true);
        INDArray x = features(10);
        INDArray y = labels(10);
        NetworkGradient.of(ours, x, y);
        ours.fit(x, y);
        dl4j.fit(x, y);
        DataSet other = new DataSet(features(5), labels(5));
        assertEquals(dl4j.score(other), ours.score(other), TOLERANCE);
    }

    @Test
    void softmaxCrossentropy_clipsTheLogAndSumsBiasGradients() {
        float[] z = {0f, 0f, 100f, -100f};
        float[] y = {1f, 0f, 0f, 1f};
        float[] biasGradient = new float[2];
        double sum = SoftmaxCrossentropyOutput.softmaxCrossentropy(z, y, new float[] {0f, 0f}, biasGradient, 2, 2, 1e-10);
        assertEquals(Math.log(2) - Math.log(1e-10), sum, 1e-6);
        assertEquals(-0.5f, z[0], 1e-6f);
        assertEquals(1f, z[2], 1e-6f);
        assertEquals(-1f, z[3], 1e-6f);
        assertEquals(0.5f, biasGradient[0], 1e-6f);
        assertEquals(-0.5f, biasGradient[1], 1e-6f);
    }
}
