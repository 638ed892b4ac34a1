package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.profiler.OpProfiler;

class RowMajorDenseLayerTest {

    private static final double TOLERANCE = 1e-5;

    @AfterEach
    void profilingOff() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    private static DenseLayer.Builder hidden() {
        return new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.TANH).l2(1e-3);
    }

    private static OutputLayer.Builder output() {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX);
    }

    /** A 7-5-3 network from DL4J's layers, or from keras4j's, with the same initial parameters. */
    private static MultiLayerNetwork network(boolean keras4j) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(keras4j ? new KerasDenseLayer(hidden().build()) : hidden().build())
                .layer(keras4j ? new KerasOutputLayer(output()) : output().build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray features(long rows) {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.randn(DataType.FLOAT, rows, 7);
    }

    private static INDArray labels(long rows) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 3);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return y;
    }

    @Test
    void outputsGradientsAndTraining_equalDl4jsLayers() {
        MultiLayerNetwork dl4j = network(false);
        MultiLayerNetwork ours = network(true);
        assertInstanceOf(RowMajorDenseLayer.class, ours.getLayer(0));
        assertInstanceOf(RowMajorOutputLayer.class, ours.getLayer(1));
        assertEquals(dl4j.params(), ours.params());
        INDArray x = features(16);
        INDArray y = labels(16);
        assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), TOLERANCE));

        assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE));
        assertEquals(dl4j.score(), ours.score(), TOLERANCE);

        for (int i = 0; i < 20; i++) {
            dl4j.fit(x, y);
            ours.fit(x, y);
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), "parameters after 20 Adam steps");
        assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), 1e-4));
    }

    @Test
    void reluLayers_keepTheirPreActivationWithoutCopy_andTrainAsDl4j() {
        for (org.nd4j.linalg.activations.IActivation relu : new org.nd4j.linalg.activations.IActivation[] {
            new org.keras4j.internal.dl4j.activations.StepGradientRelu(), Activation.RELU.getActivationFunction(),
            new org.nd4j.linalg.activations.impl.ActivationReLU(1.0, null, null)}) {
            DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(7).nOut(5).activation(relu);
            MultiLayerNetwork dl4j = reluNetwork(hidden.build());
            MultiLayerNetwork ours = reluNetwork(new KerasDenseLayer(hidden.build()));
            INDArray x = features(16);
            INDArray y = labels(16);
            assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE), relu.toString());
            for (int i = 0; i < 10; i++) {
                dl4j.fit(x, y);
                ours.fit(x, y);
            }
            assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), "parameters after 10 steps, " + relu);
            assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), 1e-4));
        }
    }

    private static MultiLayerNetwork reluNetwork(DenseLayer hidden) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER)
                .list().layer(hidden).layer(output().build()).build());
        net.init();
        return net;
    }

    @Test
    void forwardPass_runsFewerNativeOperationsThanDl4js() {
        INDArray x = features(16);
        long dl4jOps = countOps(network(false), x);
        long ourOps = countOps(network(true), x);
        // DL4J's product is a temporary column-major array and a copy into the row-major activations, per layer
        assertEquals(dl4jOps - 2, ourOps, "native operations per forward pass: DL4J " + dl4jOps + ", keras4j " + ourOps);
    }

    @Test
    void trainingStep_reusesTheHiddenPreActivation_insteadOfMultiplyingAgain() {
        INDArray x = features(16);
        INDArray y = labels(16);
        long dl4j = productsPerTrainingStep(network(false), x, y);
        long ours = productsPerTrainingStep(network(true), x, y);
        // DL4J's hidden layer multiplies its input again in the backward pass to get z for tanh's derivative
        // and the fused output layer (SoftmaxCrossentropyOutput) runs its four products in OpenBLAS directly
        assertEquals(dl4j - 1 - 4, ours, "matrix products per training step: DL4J " + dl4j + ", keras4j " + ours);
    }

    @Test
    void firstLayer_withoutInputGradient_trainsAsDl4j_withOneProductFewer() {
        MultiLayerNetwork dl4j = network(false);
        MultiLayerNetwork ours = network(true);
        ((RowMajorDenseLayer) ours.getLayer(0)).setInputGradientUnused(true);
        INDArray x = features(16);
        INDArray y = labels(16);
        long before = productsPerTrainingStep(network(true), x, y);
        assertEquals(before - 1, productsPerTrainingStep(ours, x, y), "the first layer's input gradient is not computed");
        assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE));
        for (int i = 0; i < 20; i++) {
            dl4j.fit(x, y);
            ours.fit(x, y);
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), "parameters after 20 Adam steps");
    }

    @Test
    void sequentialModel_marksOnlyItsFirstDenseLayer() {
        org.keras4j.Sequential model = new org.keras4j.Sequential(new org.keras4j.layers.core.Input(7),
                new org.keras4j.layers.core.Dense(5, "relu"), new org.keras4j.layers.core.Dense(4, "relu"),
                new org.keras4j.layers.core.Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        INDArray x = features(16);
        INDArray y = labels(16);
        long marked = productsPerTrainingStep(net, x, y);
        ((RowMajorDenseLayer) net.getLayer(0)).setInputGradientUnused(false);
        assertEquals(productsPerTrainingStep(net, x, y) - 1, marked, "only the first layer skips its input gradient");
    }

    private static long productsPerTrainingStep(MultiLayerNetwork net, INDArray x, INDArray y) {
        NetworkGradient.of(net, x, y);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        NetworkGradient.of(net, x, y);
        long products = OpProfiler.getInstance().getOpCounter().getCount("matmul");
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        return products;
    }

    private static long countOps(MultiLayerNetwork net, INDArray x) {
        net.output(x);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        net.output(x);
        long ops = OpProfiler.getInstance().getInvocationsCount();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        return ops;
    }

    @Test
    void wrongInputWidth_getsDl4jsOwnMessage() {
        MultiLayerNetwork net = network(true);
        DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class,
                () -> net.output(Nd4j.zeros(DataType.FLOAT, 2, 6)));
        assertTrue(e.getMessage().contains("layer # inputs = 7"), e.getMessage());
    }

    @Test
    void viewInput_andDropoutLayer_equalDl4js() {
        INDArray wide = features(20).reshape(10, 14);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 10));
        assertTrue(network(false).output(view).equalsWithEps(network(true).output(view), TOLERANCE));

        DenseLayer withDropout = hidden().dropOut(0.5).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT)
                .list().layer(new KerasDenseLayer(withDropout)).layer(output().build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = features(16);
        net.setInput(x);
        net.setLabels(labels(16));
        net.computeGradientAndScore();   // DL4J's own path, which applies the dropout
        assertTrue(Double.isFinite(net.score()));
    }

    @Test
    void copy_keepsEverySetting_andJsonKeepsTheClasses() {
        DenseLayer original = hidden().name("hidden").biasInit(0.25).dropOut(0.9).hasBias(false)
                .constrainWeights(new MaxNormConstraint(2.0, 1)).build();
        KerasDenseLayer copy = new KerasDenseLayer(original);
        assertEquals(original, copy);
        assertEquals(original.toString(), copy.toString().replace("KerasDenseLayer", "DenseLayer"));

        MultiLayerConfiguration conf = network(true).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(KerasDenseLayer.class, back.getConf(0).getLayer());
        assertInstanceOf(KerasOutputLayer.class, back.getConf(1).getLayer());
        assertEquals(conf, back);
    }

    @Test
    void keras4jDense_runsAsTheseLayers() {
        Sequential model = new Sequential(new Input(4), new Dense(8, "relu"), new Dense(2, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        assertInstanceOf(RowMajorDenseLayer.class, net.getLayer(0));
        assertInstanceOf(RowMajorOutputLayer.class, net.getLayer(1));
    }
}
