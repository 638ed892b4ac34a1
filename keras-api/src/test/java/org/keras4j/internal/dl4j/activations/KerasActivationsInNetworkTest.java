package org.keras4j.internal.dl4j.activations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.buffer.util.DataTypeUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * keras4j's own activations inside a real DL4J network (workspaces on, as in training):
 * DL4J's whole-network gradient check passes, and float32 training updates finite parameters.
 */
class KerasActivationsInNetworkTest {
    private static DataType previousContextType;
    private static DataType previousDefaultType;
    private static DataType previousFloatType;

    static Stream<IActivation> activations() {
        return Stream.of(new KerasGelu(false), new KerasGelu(true), new KerasSilu(), new KerasSoftplus(),
                new KerasMish(), new KerasElu(0.5), new KerasExponential(), new KerasHardSigmoid(), new KerasHardSilu(),
                new KerasRelu(0.1, 4.0, 0.05), new KerasLogSoftmax(), new BinaryStep(), new StepGradientRelu());
    }

    @BeforeAll
    static void doublePrecision() {
        // GradientCheckUtil insists on double as the global type; restored afterwards for other tests
        // Nd4j first: DataTypeUtil fails with IllegalMonitorStateException before ND4J has initialised it
        previousDefaultType = Nd4j.dataType();
        previousFloatType = Nd4j.defaultFloatingPointType();
        previousContextType = DataTypeUtil.getDtypeFromContext();
        DataTypeUtil.setDTypeForContext(DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        DataTypeUtil.setDTypeForContext(previousContextType);
        Nd4j.setDefaultDataTypes(previousDefaultType, previousFloatType);
    }

    private static MultiLayerNetwork network(IActivation hidden, DataType type, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(type)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(new ActivationIdentity()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void hiddenLayerActivation_passesDl4jGradientCheck(IActivation activation) {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 6, 2);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(network(activation, DataType.DOUBLE, new NoOp())).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertTrue(ok, activation + " failed DL4J's gradient check");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void float32Training_updatesParametersAndStaysFinite(IActivation activation) {
        MultiLayerNetwork net = network(activation, DataType.FLOAT, new Sgd(0.01));
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3);
        INDArray y = Nd4j.randn(DataType.FLOAT, 8, 2);
        INDArray before = net.params().dup();
        for (int i = 0; i < 3; i++) {
            net.fit(x, y);
        }
        INDArray after = net.params();
        assertTrue(Double.isFinite(net.score()), activation + " gave score " + net.score());
        assertFalse(after.isNaN().any() || after.isInfinite().any(), activation + " produced non-finite parameters");
        assertNotEquals(before, after, activation + ": training did not change the parameters");
    }
}
