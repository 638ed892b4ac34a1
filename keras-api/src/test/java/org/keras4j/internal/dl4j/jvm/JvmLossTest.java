package org.keras4j.internal.dl4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.internal.dl4j.activations.LegacyGradientTanh;
import org.keras4j.internal.dl4j.losses.BinaryCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.MeanAbsoluteErrorLoss;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** Each {@link JvmLoss} computes the score sum and pre-activation gradient of the DL4J loss it stands for. */
class JvmLossTest {
    private static final int ROWS = 5;
    private static final int COLS = 4;

    static Stream<Arguments> supported() {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.randn(DataType.DOUBLE, ROWS, COLS).muli(2);
        INDArray soft = Nd4j.rand(DataType.DOUBLE, ROWS, COLS);
        INDArray binary = Nd4j.rand(DataType.DOUBLE, ROWS, COLS).gt(0.5).castTo(DataType.DOUBLE);
        // probabilities, some outside Keras's clip [1e-7, 1 - 1e-7]
        INDArray p = Nd4j.rand(DataType.DOUBLE, ROWS, COLS).muli(0.98).addi(0.01);
        p.putScalar(0, 0, 5e-8);
        p.putScalar(1, 1, 1 - 5e-8);
        p.putScalar(2, 2, -0.2);
        p.putScalar(3, 3, 1.3);
        // softmax logits with a label on a class of probability below the clip epsilon
        INDArray logits = z.dup();
        logits.putScalar(4, 0, 40.0);
        logits.putScalar(4, 1, -40.0);
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, ROWS, COLS);
        for (int r = 0; r < ROWS; r++) {
            oneHot.putScalar(r, (r * 3) % COLS, 1.0);
        }
        oneHot.getRow(4).assign(Nd4j.createFromArray(0.0, 1.0, 0.0, 0.0));
        return Stream.of(arguments("mse/identity", new LossMSE(), new ActivationIdentity(), z, soft),
                arguments("mse/tanh", new LossMSE(), new LegacyGradientTanh(), z, soft),
                arguments("mse/sigmoid", new LossMSE(), new ActivationSigmoid(), z, soft),
                arguments("bce/sigmoid", new BinaryCrossentropyLoss(false, 0), new ActivationSigmoid(), z, binary),
                arguments("bce(0.1)/sigmoid", new BinaryCrossentropyLoss(false, 0.1), new ActivationSigmoid(), z, binary),
                arguments("bce/identity", new BinaryCrossentropyLoss(false, 0), new ActivationIdentity(), p, soft),
                arguments("bce(0.1)/identity", new BinaryCrossentropyLoss(false, 0.1), new ActivationIdentity(), p, binary),
                arguments("mcxent/softmax", new LossMCXENT(Loss.EPSILON, null), new ActivationSoftmax(), logits, oneHot));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the cases share arrays, which are AutoCloseable
    @MethodSource("supported")
    void scoreAndGradient_equalDl4js(String name, ILossFunction dl4j, IActivation activation, INDArray preOut,
                                     INDArray labels) {
        JvmActivation act = JvmActivation.of(activation);
        JvmLoss loss = JvmLoss.of(dl4j, act);
        assertNotNull(loss, name);
        assertEquals(loss, JvmLoss.of(new OutputLayerLoss(dl4j), act), "unwrapped from OutputLayerLoss");

        double[] z = preOut.ravel().toDoubleVector();
        double[] y = labels.ravel().toDoubleVector();
        double[] a = new double[z.length];
        act.forward(z, a, ROWS, COLS);
        double expected = dl4j.computeScore(labels.dup(), preOut.dup(), activation, null, false);
        assertEquals(expected, loss.sumOfScores(a, y, ROWS, COLS), 1e-6 * Math.max(1.0, Math.abs(expected)), name);

        double[] grad = new double[z.length];
        loss.gradient(act, z, a, y, grad, ROWS, COLS);
        JvmActivationTest.assertClose(dl4j.computeGradient(labels.dup(), preOut.dup(), activation, null), grad,
                name + " gradient");
    }

    @Test
    void of_isNullForLogitsWeightsOtherActivationsAndOtherLosses() {
        assertNull(JvmLoss.of(new BinaryCrossentropyLoss(true, 0), JvmActivation.IDENTITY));
        assertNull(JvmLoss.of(new LossMSE(Nd4j.createFromArray(1.0, 2.0).reshape(1, 2)), JvmActivation.IDENTITY));
        assertNull(JvmLoss.of(new LossMCXENT(Loss.EPSILON, null), JvmActivation.SIGMOID));
        assertNull(JvmLoss.of(new MeanAbsoluteErrorLoss(), JvmActivation.IDENTITY));
        assertNull(JvmLoss.of(new OutputLayerLoss(new BinaryCrossentropyLoss(true, 0)), JvmActivation.IDENTITY));
    }

    @Test
    void of_unwrapsOutputLayerLoss() {
        assertEquals(new JvmLoss.MeanSquared(), JvmLoss.of(new OutputLayerLoss(new LossMSE()), JvmActivation.TANH));
        assertEquals(new JvmLoss.BinaryCrossentropy(0.1),
                JvmLoss.of(new OutputLayerLoss(new BinaryCrossentropyLoss(false, 0.1)), JvmActivation.SIGMOID));
        assertEquals(new JvmLoss.SoftmaxCrossentropy(Loss.EPSILON),
                JvmLoss.of(new OutputLayerLoss(new LossMCXENT(Loss.EPSILON, null)), JvmActivation.SOFTMAX));
    }
}
