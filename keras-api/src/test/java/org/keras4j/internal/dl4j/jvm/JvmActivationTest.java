package org.keras4j.internal.dl4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.internal.dl4j.activations.KerasElu;
import org.keras4j.internal.dl4j.activations.LegacyGradientTanh;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each {@link JvmActivation} computes the forward pass and gradient of the DL4J activation it stands for. */
class JvmActivationTest {
    private static final int ROWS = 5;
    private static final int COLS = 7;

    static Stream<Arguments> supported() {
        return Stream.of(arguments(new ActivationIdentity(), JvmActivation.IDENTITY),
                arguments(new StepGradientRelu(), JvmActivation.RELU),
                arguments(new ActivationSigmoid(), JvmActivation.SIGMOID),
                arguments(new LegacyGradientTanh(), JvmActivation.TANH),
                arguments(new ActivationTanH(), JvmActivation.TANH),
                arguments(new ActivationSoftmax(), JvmActivation.SOFTMAX));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("supported")
    void forwardAndBackward_equalDl4js(IActivation dl4j, JvmActivation expected) {
        JvmActivation jvm = JvmActivation.of(dl4j);
        assertSame(expected, jvm);
        Nd4j.getRandom().setSeed(11);
        INDArray z = Nd4j.randn(DataType.FLOAT, ROWS, COLS).muli(3).castTo(DataType.DOUBLE);
        z.putScalar(0, 0, 0.0);
        z.putScalar(3, 4, 0.0);
        INDArray dLda = Nd4j.randn(DataType.FLOAT, ROWS, COLS).castTo(DataType.DOUBLE);

        float[] zv = z.ravel().toFloatVector();
        float[] a = new float[zv.length];
        jvm.forward(zv, a, ROWS, COLS);
        assertClose(dl4j.getActivation(z.dup(), true), a, "forward");

        float[] grad = dLda.ravel().toFloatVector();
        jvm.backward(zv, a, grad, ROWS, COLS);
        assertClose(dl4j.backprop(z.dup(), dLda.dup()).getFirst(), grad, "backward");
    }

    @Test
    void tanh_isMathTanhRoundedToFloat() {
        java.util.Random random = new java.util.Random(5);
        int differ = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // magnitudes from 1e-9 to 1e2, both signs, and the series' boundary
            float x = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, -9 + 11 * random.nextDouble()));
            float expected = (float) Math.tanh(x);
            float actual = JvmActivation.tanh(x);
            assertEquals(expected, actual, Math.ulp(expected), "tanh(" + x + ")");
            differ += expected == actual ? 0 : 1;
        }
        assertTrue(differ < 10, differ + " of 1e6 differ by one ulp");
        for (float x : new float[] {0f, -0f, 0.0625f, -0.0625f, Math.nextDown(0.0625f), 20f, -20f, 400f, -400f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}) {
            assertEquals((float) Math.tanh(x), JvmActivation.tanh(x), "tanh(" + x + ")");
        }
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(JvmActivation.tanh(-0f)));
        assertTrue(Float.isNaN(JvmActivation.tanh(Float.NaN)));
    }

    @Test
    void of_isNullForOtherActivationsAndSubclasses() {
        assertNull(JvmActivation.of(new ActivationReLU6()));
        assertNull(JvmActivation.of(new ActivationLReLU()));
        assertNull(JvmActivation.of(new KerasElu(0.5)));
        assertNull(JvmActivation.of(new ActivationSigmoid() {
        }));
    }

    /** Float results against DL4J's in double: within a few float roundings. */
    static void assertClose(INDArray expected, float[] actual, String what) {
        double[] e = expected.ravel().toDoubleVector();
        assertEquals(e.length, actual.length, what + " length");
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], actual[i], 1e-6 * Math.max(1.0, Math.abs(e[i])), what + " at " + i);
        }
    }
}
