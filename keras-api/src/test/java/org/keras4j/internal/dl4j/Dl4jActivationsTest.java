package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every translated activation against Keras 3's formula, written out here in plain Java doubles
 * (keras/src/activations/activations.py and the backend ops it calls), and every gradient
 * against central finite differences.
 */
class Dl4jActivationsTest {
    /** Forward grid: negatives, the kinks (0, +-1.5, +-3, 4, 6) and large magnitudes. */
    private static final double[] GRID = {-100, -20, -6.5, -3.5, -3, -2.5, -1.5, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1,
        1.5, 2.5, 3, 3.5, 4, 6, 6.5, 20, 100};
    /** Gradient grid: the same range, at least 0.01 away from every kink so finite differences are valid. */
    private static final double[] SMOOTH_GRID = {-100, -20, -6.5, -3.5, -2.5, -1, -0.5, -0.01, 0.01, 0.5, 1, 2.5,
        3.5, 5.5, 6.5, 20, 100};
    private static final double SELU_ALPHA = 1.67326324235437728481704299167175;
    private static final double SELU_SCALE = 1.05070098735548049341933498529460;

    record Case(String label, ActivationFunction function, DoubleUnaryOperator keras) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> elementwise() {
        return Stream.of(
                new Case("linear", Activations.get("linear"), x -> x),
                new Case("relu", Activations.get("relu"), x -> kerasRelu(x, 0.0, null, 0.0)),
                new Case("relu(negative_slope=0.1)", Activations.relu(0.1, null, 0.0), x -> kerasRelu(x, 0.1, null, 0.0)),
                new Case("relu(max_value=4)", Activations.relu(0.0, 4.0, 0.0), x -> kerasRelu(x, 0.0, 4.0, 0.0)),
                new Case("relu(max_value=6)", Activations.relu(0.0, 6.0, 0.0), x -> kerasRelu(x, 0.0, 6.0, 0.0)),
                new Case("relu(threshold=1.5)", Activations.relu(0.0, null, 1.5), x -> kerasRelu(x, 0.0, null, 1.5)),
                new Case("relu(0.1, 4, 1.5)", Activations.relu(0.1, 4.0, 1.5), x -> kerasRelu(x, 0.1, 4.0, 1.5)),
                new Case("relu(0.1, 4, -1.5)", Activations.relu(0.1, 4.0, -1.5), x -> kerasRelu(x, 0.1, 4.0, -1.5)),
                new Case("relu(0.2, null, -1.5)", Activations.relu(0.2, null, -1.5), x -> kerasRelu(x, 0.2, null, -1.5)),
                new Case("sigmoid", Activations.get("sigmoid"), x -> 1.0 / (1.0 + Math.exp(-x))),
                new Case("tanh", Activations.get("tanh"), Math::tanh),
                new Case("leaky_relu", Activations.get("leaky_relu"), x -> x >= 0 ? x : 0.2 * x),
                new Case("leaky_relu(0.05)", Activations.leakyRelu(0.05), x -> x >= 0 ? x : 0.05 * x),
                new Case("elu", Activations.get("elu"), x -> x > 0 ? x : Math.expm1(x)),
                new Case("elu(0.5)", Activations.elu(0.5), x -> x > 0 ? x : 0.5 * Math.expm1(x)),
                new Case("selu", Activations.get("selu"), x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))),
                new Case("gelu", Activations.get("gelu"), x -> 0.5 * x * (1.0 + erf(x / Math.sqrt(2.0)))),
                new Case("gelu(approximate)", Activations.gelu(true), x -> 0.5 * x
                        * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)))),
                new Case("silu", Activations.get("silu"), x -> x / (1.0 + Math.exp(-x))),
                new Case("softplus", Activations.get("softplus"), x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
                new Case("softsign", Activations.get("softsign"), x -> x / (Math.abs(x) + 1.0)),
                new Case("hard_sigmoid", Activations.get("hard_sigmoid"), Dl4jActivationsTest::hardSigmoid),
                new Case("hard_silu", Activations.get("hard_silu"), x -> x * hardSigmoid(x)),
                new Case("relu6", Activations.get("relu6"), x -> Math.min(Math.max(x, 0.0), 6.0)),
                new Case("mish", Activations.get("mish"),
                        x -> x * Math.tanh(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))))),
                new Case("exponential", Activations.get("exponential"), Math::exp),
                new Case("binary_step", Activations.get("binary_step"), x -> x > 0 ? 1.0 : 0.0));
    }

    /** Keras 3's {@code ReLU.static_call}, branch for branch. */
    private static double kerasRelu(double x, double negativeSlope, Double maxValue, double threshold) {
        if (negativeSlope != 0.0 && maxValue == null && threshold == 0.0) {
            return x >= 0 ? x : negativeSlope * x;
        }
        double negativePart = negativeSlope != 0.0 ? Math.max(-x + threshold, 0.0) : 0.0;
        boolean clipMax = maxValue != null;
        double y;
        if (threshold != 0.0) {
            y = x > threshold ? x : 0.0;
        } else if (maxValue != null && maxValue == 6.0) {
            y = Math.min(Math.max(x, 0.0), 6.0);
            clipMax = false;
        } else {
            y = Math.max(x, 0.0);
        }
        if (clipMax) {
            y = Math.min(Math.max(y, 0.0), maxValue);
        }
        return y - negativeSlope * negativePart;
    }

    private static double hardSigmoid(double x) {
        return Math.min(Math.max(x + 3.0, 0.0), 6.0) / 6.0;
    }

    /** erf to about 1e-14: Taylor series near 0, continued fraction of erfc further out. */
    static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        if (x < 2.5) {
            double term = x;
            double sum = x;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-18; n++) {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            return 2.0 / Math.sqrt(Math.PI) * sum;
        }
        double fraction = x;
        for (int k = 300; k >= 1; k--) {
            fraction = x + (k / 2.0) / fraction;
        }
        return 1.0 - Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
    }

    @Test
    void erfHelper_matchesTabulatedValues() {
        assertEquals(0.8427007929497149, erf(1.0), 1e-15);
        assertEquals(0.9953222650189527, erf(2.0), 1e-15);
        assertEquals(1.0 - 2.209049699858544e-05, erf(3.0), 1e-15);
        assertEquals(erf(2.5 - 1e-12), erf(2.5), 1e-13);
    }

    private static INDArray row(double[] xs, DataType type) {
        return Nd4j.createFromArray(xs).castTo(type).reshape(1, xs.length);
    }

    private static INDArray apply(IActivation act, INDArray x) {
        return act.getActivation(x.dup(), false);
    }

    private static void assertClose(String what, double expected, double actual, double rel, double abs) {
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            assertEquals(expected, actual, what);
            return;
        }
        if (!(Math.abs(expected - actual) <= rel * Math.max(Math.abs(expected), Math.abs(actual)) + abs)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void forward_float64_matchesKerasFormula(Case c) {
        IActivation act = Dl4jActivations.toDl4j(c.function());
        INDArray y = apply(act, row(GRID, DataType.DOUBLE));
        for (int i = 0; i < GRID.length; i++) {
            assertClose(c + " at x=" + GRID[i], c.keras().applyAsDouble(GRID[i]), y.getDouble(0, i), 1e-12, 1e-14);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void forward_float32_matchesKerasFormulaWithoutOverflow(Case c) {
        IActivation act = Dl4jActivations.toDl4j(c.function());
        INDArray y = apply(act, row(GRID, DataType.FLOAT));
        for (int i = 0; i < GRID.length; i++) {
            float expected = (float) c.keras().applyAsDouble(GRID[i]);
            assertClose(c + " at x=" + GRID[i], expected, y.getFloat(0, i), 1e-5, 1e-6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void backprop_matchesCentralFiniteDifferences(Case c) {
        IActivation act = Dl4jActivations.toDl4j(c.function());
        double h = 1e-5;
        INDArray x = row(SMOOTH_GRID, DataType.DOUBLE);
        INDArray plus = apply(act, x.add(h));
        INDArray minus = apply(act, x.sub(h));
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, x.shape()).addi(0.5);
        INDArray epsilonBefore = epsilon.dup();
        INDArray dLdz = act.backprop(x.dup(), epsilon).getFirst();
        assertEquals(epsilonBefore, epsilon, c + ": backprop must not modify epsilon");
        for (int i = 0; i < SMOOTH_GRID.length; i++) {
            double numeric = (plus.getDouble(0, i) - minus.getDouble(0, i)) / (2 * h) * epsilon.getDouble(0, i);
            assertClose(c + " gradient at x=" + SMOOTH_GRID[i], numeric, dLdz.getDouble(0, i), 1e-6, 1e-9);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void backprop_float32_matchesFloat64WithoutNaN(Case c) {
        IActivation act = Dl4jActivations.toDl4j(c.function());
        INDArray g64 = act.backprop(row(SMOOTH_GRID, DataType.DOUBLE), Nd4j.ones(DataType.DOUBLE, 1, SMOOTH_GRID.length))
                .getFirst();
        INDArray g32 = act.backprop(row(SMOOTH_GRID, DataType.FLOAT), Nd4j.ones(DataType.FLOAT, 1, SMOOTH_GRID.length))
                .getFirst();
        for (int i = 0; i < SMOOTH_GRID.length; i++) {
            assertClose(c + " float32 gradient at x=" + SMOOTH_GRID[i], (float) g64.getDouble(0, i), g32.getFloat(0, i),
                    1e-4, 1e-6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void getActivation_writesResultIntoItsInput(Case c) {
        IActivation act = Dl4jActivations.toDl4j(c.function());
        INDArray in = row(GRID, DataType.DOUBLE);
        INDArray expected = apply(act, in);
        INDArray out = act.getActivation(in, false);
        assertEquals(expected, in, c + ": DL4J expects the activation written into the input");
        assertEquals(expected, out);
    }

    /** Softmax over the last axis, in double. */
    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** The input scaled so some rows reach large magnitudes, where a naive exp would overflow. */
    private static INDArray logits(long... shape) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, shape).muli(3.0);
        x.putScalar(0, 100.0);
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"softmax", "log_softmax"})
    void softmaxFamily_matchesFormulaOverLastAxis(String name) {
        IActivation act = Dl4jActivations.toDl4j(Activations.get(name));
        for (long[] shape : new long[][] {{4, 5}, {2, 3, 4}}) {
            INDArray x = logits(shape);
            INDArray y = apply(act, x);
            INDArray rows = x.reshape('c', x.length() / shape[shape.length - 1], shape[shape.length - 1]);
            INDArray yRows = y.dup('c').reshape('c', rows.rows(), rows.columns());
            for (int r = 0; r < rows.rows(); r++) {
                double[] expected = softmax(rows.getRow(r).toDoubleVector());
                double sum = 0;
                for (int j = 0; j < expected.length; j++) {
                    double e = name.equals("softmax") ? expected[j] : Math.log(expected[j]);
                    double actual = yRows.getDouble(r, j);
                    assertClose(name + " row " + r + " col " + j, e, actual, 1e-12, 1e-15);
                    sum += name.equals("softmax") ? actual : Math.exp(actual);
                }
                assertEquals(1.0, sum, 1e-12, name + " row " + r + " must be a distribution");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"softmax", "log_softmax"})
    void softmaxFamily_backpropMatchesFiniteDifferences(String name) {
        IActivation act = Dl4jActivations.toDl4j(Activations.get(name));
        double h = 1e-6;
        for (long[] shape : new long[][] {{3, 4}, {2, 3, 4}}) {
            INDArray x = Nd4j.randn(DataType.DOUBLE, shape);
            INDArray epsilon = Nd4j.randn(DataType.DOUBLE, shape);
            INDArray dLdz = act.backprop(x.dup(), epsilon.dup()).getFirst();
            for (long i = 0; i < x.length(); i++) {
                INDArray plus = x.dup();
                plus.putScalar(i, x.getDouble(i) + h);
                INDArray minus = x.dup();
                minus.putScalar(i, x.getDouble(i) - h);
                // L = sum(epsilon * activation), so dL/dx_i is the i-th entry of the backprop result
                double numeric = (apply(act, plus).mul(epsilon).sumNumber().doubleValue()
                        - apply(act, minus).mul(epsilon).sumNumber().doubleValue()) / (2 * h);
                assertClose(name + " gradient at flat index " + i, numeric, dLdz.getDouble(i), 1e-6, 1e-9);
            }
        }
    }

    @Test
    void reluGradientAtZero_followsKerasBranches() {
        // Keras: plain relu passes no gradient at 0; relu with only a slope is leaky_relu, x >= 0 ? 1 : slope
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 1);
        INDArray one = Nd4j.ones(DataType.DOUBLE, 1, 1);
        assertEquals(0.0, Dl4jActivations.toDl4j(Activations.get("relu")).backprop(zero.dup(), one).getFirst()
                .getDouble(0));
        assertEquals(1.0, Dl4jActivations.toDl4j(Activations.relu(0.1, null, 0.0)).backprop(zero.dup(), one)
                .getFirst().getDouble(0));
        assertEquals(1.0, Dl4jActivations.toDl4j(Activations.get("leaky_relu")).backprop(zero.dup(), one)
                .getFirst().getDouble(0));
    }

    @Test
    void softmaxAndSigmoid_useDl4jBuiltIns_soFusedLossGradientsApply() {
        // LossMCXENT / LossBinaryXENT take their numerically stable shortcut only for these classes
        assertInstanceOf(ActivationSoftmax.class, Dl4jActivations.toDl4j(Activations.get("softmax")));
        assertInstanceOf(ActivationSigmoid.class, Dl4jActivations.toDl4j(Activations.get("sigmoid")));
    }

    @Test
    void everyRegisteredName_translates() {
        for (String name : Activations.names()) {
            assertTrue(Dl4jActivations.toDl4j(Activations.get(name)) != null, name);
        }
    }

    @Test
    void everyTranslation_survivesDl4jJsonRoundTrip() {
        List<ActivationFunction> functions = new ArrayList<>();
        for (String name : Activations.names()) {
            functions.add(Activations.get(name));
        }
        functions.add(Activations.relu(0.1, 4.0, 1.5));
        functions.add(Activations.relu(0.0, null, -1.0));
        functions.add(Activations.elu(0.5));
        functions.add(Activations.leakyRelu(0.05));
        functions.add(Activations.gelu(true));
        for (ActivationFunction f : functions) {
            IActivation act = Dl4jActivations.toDl4j(f);
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                    .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(act).build())
                    .build();
            MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());
            IActivation back = ((BaseLayer) restored.getConf(0).getLayer()).getActivationFn();
            assertEquals(act, back, f + " after JSON round trip");
            assertSame(act.getClass(), back.getClass());
        }
    }

    @Test
    void legacyHardSigmoid_isKeras2sFormulaAndSlope() {
        // Keras 1/2's K.hard_sigmoid: clip(0.2 x + 0.5, 0, 1), derivative 0.2 on (-2.5, 2.5) (its kinks), 0 outside
        double[] grid = {-6, -3, -2.4, -1, 0, 0.7, 2.4, 3, 9};
        IActivation act = Dl4jActivations.toDl4j(Activations.get("legacy_hard_sigmoid"));
        INDArray y = act.getActivation(row(grid, DataType.DOUBLE), false);
        INDArray g = act.backprop(row(grid, DataType.DOUBLE), Nd4j.ones(DataType.DOUBLE, 1, grid.length)).getFirst();
        for (int i = 0; i < grid.length; i++) {
            double x = grid[i];
            assertEquals(Math.min(1.0, Math.max(0.0, 0.2 * x + 0.5)), y.getDouble(0, i), 1e-15, "f(" + x + ")");
            assertEquals(Math.abs(x) < 2.5 ? 0.2 : 0.0, g.getDouble(0, i), 1e-15, "f'(" + x + ")");
        }
    }
}
