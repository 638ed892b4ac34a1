package org.keras4j.internal.dl4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.internal.dl4j.activations.LegacyGradientTanh;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.keras4j.internal.dl4j.losses.BinaryCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.CategoricalCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.HuberLoss;
import org.keras4j.internal.dl4j.losses.MeanAbsoluteErrorLoss;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.keras4j.internal.dl4j.losses.SparseCategoricalCrossentropyLoss;
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
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/** Each {@link JvmLoss} computes the score sum and pre-activation gradient of the DL4J loss it stands for. */
class JvmLossTest {
    private static final int ROWS = 5;
    private static final int COLS = 4;

    static Stream<Arguments> supported() {
        Nd4j.getRandom().setSeed(3);
        // float values (the JVM path computes in float), held as doubles for DL4J's reference
        INDArray z = Nd4j.randn(DataType.FLOAT, ROWS, COLS).muli(2).castTo(DataType.DOUBLE);
        INDArray soft = Nd4j.rand(DataType.FLOAT, ROWS, COLS).castTo(DataType.DOUBLE);
        INDArray binary = Nd4j.rand(DataType.DOUBLE, ROWS, COLS).gt(0.5).castTo(DataType.DOUBLE);
        // probabilities, some outside Keras's clip [1e-7, 1 - 1e-7]
        INDArray p = Nd4j.rand(DataType.FLOAT, ROWS, COLS).muli(0.98).addi(0.01).castTo(DataType.DOUBLE);
        p.putScalar(0, 0, 5e-8);
        p.putScalar(1, 1, 1 - 6e-8); // 1 - 5.96e-8, a float, above 1 - 1e-7
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
        INDArray indices = oneHot.argMax(1).castTo(DataType.DOUBLE).reshape(ROWS, 1);
        INDArray equalOnce = soft.dup();
        equalOnce.putScalar(0, 0, z.getDouble(0, 0)); // a zero error: MAE's gradient is 0 there
        INDArray smoothed = oneHot.mul(0.9).addi(0.1 / COLS);
        return Stream.of(arguments("mse/identity", new LossMSE(), new ActivationIdentity(), z, soft),
                arguments("mse/tanh", new LossMSE(), new LegacyGradientTanh(), z, soft),
                arguments("mse/sigmoid", new LossMSE(), new ActivationSigmoid(), z, soft),
                arguments("bce/sigmoid", new BinaryCrossentropyLoss(false, 0), new ActivationSigmoid(), z, binary),
                arguments("bce(0.1)/sigmoid", new BinaryCrossentropyLoss(false, 0.1), new ActivationSigmoid(), z, binary),
                arguments("bce/identity", new BinaryCrossentropyLoss(false, 0), new ActivationIdentity(), p, soft),
                arguments("bce(0.1)/identity", new BinaryCrossentropyLoss(false, 0.1), new ActivationIdentity(), p, binary),
                arguments("mcxent/softmax", new LossMCXENT(Loss.EPSILON, null), new ActivationSoftmax(), logits, oneHot),
                arguments("mae/identity", new MeanAbsoluteErrorLoss(), new ActivationIdentity(), z, equalOnce),
                arguments("mae/tanh", new MeanAbsoluteErrorLoss(), new LegacyGradientTanh(), z, soft),
                arguments("mae/relu", new MeanAbsoluteErrorLoss(), new StepGradientRelu(), z, soft),
                arguments("bce logits/identity", new BinaryCrossentropyLoss(true, 0), new ActivationIdentity(), logits, binary),
                arguments("bce(0.1) logits/identity", new BinaryCrossentropyLoss(true, 0.1), new ActivationIdentity(), z,
                        binary),
                arguments("sparse mcxent/softmax", new LossSparseMCXENT(Loss.EPSILON, null), new ActivationSoftmax(), logits,
                        indices),
                arguments("sparse mcxent(1e-10)/softmax", new LossSparseMCXENT(), new ActivationSoftmax(), z, indices),
                arguments("cce logits/identity", new CategoricalCrossentropyLoss(true, 0), new ActivationIdentity(), logits,
                        oneHot),
                arguments("cce(0.1) logits/identity", new CategoricalCrossentropyLoss(true, 0.1), new ActivationIdentity(),
                        z, oneHot),
                arguments("cce logits/identity, smoothed rows", new CategoricalCrossentropyLoss(true, 0),
                        new ActivationIdentity(), z, smoothed),
                arguments("scce logits/identity", new SparseCategoricalCrossentropyLoss(true), new ActivationIdentity(),
                        logits, indices));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the cases share arrays, which are AutoCloseable
    @MethodSource("supported")
    void scoreAndGradient_equalDl4js(String name, ILossFunction dl4j, IActivation activation, INDArray preOut,
                                     INDArray labels) {
        JvmActivation act = JvmActivation.of(activation);
        JvmLoss loss = JvmLoss.of(dl4j, act);
        assertNotNull(loss, name);
        assertEquals(loss, JvmLoss.of(new OutputLayerLoss(dl4j), act), "unwrapped from OutputLayerLoss");

        float[] z = preOut.ravel().toFloatVector();
        float[] y = labels.ravel().toFloatVector();
        float[] a = new float[z.length];
        act.forward(z, a, ROWS, COLS);
        double expected = dl4j.computeScore(labels.dup(), preOut.dup(), activation, null, false);
        assertEquals(expected, loss.sumOfScores(a, y, ROWS, COLS), 2e-6 * Math.max(1.0, Math.abs(expected)), name);

        float[] grad = new float[z.length];
        loss.gradient(act, z, a, y, grad, ROWS, COLS);
        JvmActivationTest.assertClose(dl4j.computeGradient(labels.dup(), preOut.dup(), activation, null), grad,
                name + " gradient");
    }

    @Test
    void of_isNullForWeightsOtherActivationsAndOtherLosses() {
        assertNull(JvmLoss.of(new LossMSE(Nd4j.createFromArray(1.0, 2.0).reshape(1, 2)), JvmActivation.IDENTITY));
        assertNull(JvmLoss.of(new LossMCXENT(Loss.EPSILON, null), JvmActivation.SIGMOID));
        assertNull(JvmLoss.of(new LossSparseMCXENT(Loss.EPSILON, Nd4j.createFromArray(1.0, 2.0).reshape(1, 2)),
                JvmActivation.SOFTMAX), "class weights");
        assertNull(JvmLoss.of(new LossSparseMCXENT(), JvmActivation.IDENTITY));
        assertNull(JvmLoss.of(new CategoricalCrossentropyLoss(false, 0.1), JvmActivation.SOFTMAX), "smoothing on probabilities");
        assertNull(JvmLoss.of(new CategoricalCrossentropyLoss(true, 0), JvmActivation.TANH), "logits through tanh");
        assertNull(JvmLoss.of(new SparseCategoricalCrossentropyLoss(false), JvmActivation.SIGMOID));
        assertNull(JvmLoss.of(new HuberLoss(1.0), JvmActivation.IDENTITY));
    }

    @Test
    void sparseLosses_takeLabelsOfOneColumn_andOnlyClassIndices() {
        JvmLoss sparse = JvmLoss.of(new LossSparseMCXENT(Loss.EPSILON, null), JvmActivation.SOFTMAX);
        assertEquals(1, sparse.labelWidth(COLS));
        assertTrue(sparse.takes(new float[] {0, 3, 2}, 3, COLS));
        assertFalse(sparse.takes(new float[] {0, 4, 2}, 3, COLS), "index past the last class");
        assertFalse(sparse.takes(new float[] {0, 1.5f, 2}, 3, COLS), "fractional index");
        assertFalse(sparse.takes(new float[] {-1, 1, 2}, 3, COLS));
        assertFalse(sparse.takes(new float[] {Float.NaN, 1, 2}, 3, COLS));
        assertEquals(COLS, JvmLoss.of(new LossMSE(), JvmActivation.IDENTITY).labelWidth(COLS));
        assertTrue(JvmLoss.of(new CategoricalCrossentropyLoss(true, 0), JvmActivation.IDENTITY).takes(new float[] {0.5f},
                1, 1), "dense labels are not indices");
    }

    @Test
    void of_unwrapsOutputLayerLoss() {
        assertEquals(new JvmLoss.MeanSquared(), JvmLoss.of(new OutputLayerLoss(new LossMSE()), JvmActivation.TANH));
        assertEquals(new JvmLoss.BinaryCrossentropy(0.1, false),
                JvmLoss.of(new OutputLayerLoss(new BinaryCrossentropyLoss(false, 0.1)), JvmActivation.SIGMOID));
        assertEquals(new JvmLoss.SoftmaxCrossentropy(Loss.EPSILON),
                JvmLoss.of(new OutputLayerLoss(new LossMCXENT(Loss.EPSILON, null)), JvmActivation.SOFTMAX));
    }
}
