package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.BidirectionalLastSteps;
import org.keras4j.internal.dl4j.layers.KerasBidirectional;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The translated {@code Bidirectional} computes Keras's outputs: against {@link HandWrittenRnn}
 * given the same Keras-layout weights (set through {@code setWeights}), for LSTM and SimpleRNN,
 * each merge mode, with and without {@code returnSequences}, without a mask and with padding
 * after or before the sequences (DL4J features masks), in {@code Sequential} and functional
 * models; DL4J's backprop through it passes gradient checks in double precision.
 */
class Dl4jBidirectionalTest {
    private static final int STEPS = 5;
    private static final int FEATURES = 3;
    private static final int UNITS = 4;
    /** Sequence lengths of the three examples when padded. */
    private static final int[] LENGTHS = {5, 3, 1};
    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String mode : Bidirectional.MERGE_MODES) {
            for (boolean returnSequences : new boolean[] {true, false}) {
                for (String padding : new String[] {"none", "post", "pre"}) {
                    out.add(Arguments.of(mode, returnSequences, padding));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, returnSequences={1}, padding={2}")
    @MethodSource("cases")
    void lstm_inSequential_matchesHandWrittenKeras(String mode, boolean returnSequences, String padding) {
        check(() -> new LSTM(UNITS).withReturnSequences(returnSequences), mode, padding, false);
    }

    @ParameterizedTest(name = "{0}, returnSequences={1}, padding={2}")
    @MethodSource("cases")
    void simpleRnn_inSequential_matchesHandWrittenKeras(String mode, boolean returnSequences, String padding) {
        check(() -> new SimpleRNN(UNITS).withReturnSequences(returnSequences), mode, padding, false);
    }

    @ParameterizedTest(name = "{0}, returnSequences={1}, padding={2}")
    @MethodSource("cases")
    void lstm_inFunctional_matchesHandWrittenKeras(String mode, boolean returnSequences, String padding) {
        check(() -> new LSTM(UNITS).withReturnSequences(returnSequences), mode, padding, true);
    }

    @ParameterizedTest(name = "{0}, returnSequences={1}, padding={2}")
    @MethodSource("cases")
    void simpleRnn_inFunctional_matchesHandWrittenKeras(String mode, boolean returnSequences, String padding) {
        check(() -> new SimpleRNN(UNITS).withReturnSequences(returnSequences), mode, padding, true);
    }

    @Test
    void backwardLayerWithItsOwnActivation_matchesHandWrittenKeras() {
        Bidirectional layer = new Bidirectional(new SimpleRNN(UNITS), "concat",
                new SimpleRNN(UNITS, "relu").withGoBackwards(true));
        Sequential model = new Sequential(new Input(STEPS, FEATURES), layer);
        model.compile("sgd", "mse");
        Weights f = Weights.random(FEATURES, UNITS, 1, 1);
        Weights b = Weights.random(FEATURES, UNITS, 1, 2);
        layer.setWeights(concat(f.arrays(), b.arrays()));
        double[][][] x = inputs(3);
        double[][] mask = mask("post");
        INDArray actual = predict(model, layer, x, mask);
        for (int i = 0; i < x.length; i++) {
            double[][] fw = HandWrittenRnn.simpleRnn(x[i], mask[i], f.kernel, f.recurrent, f.bias, false, false);
            double[][] bw = HandWrittenRnn.simpleRnn(x[i], mask[i], b.kernel, b.recurrent, b.bias, true, true);
            assertRows(HandWrittenRnn.bidirectional("concat", false, fw, bw), actual, i);
        }
    }

    @Test
    void stackedWithMask_theSecondLayerReadsTheSameMask() {
        // Keras passes the mask through a Bidirectional that returns sequences to the next one
        Bidirectional first = new Bidirectional(new LSTM(UNITS).withReturnSequences(true), "sum");
        Bidirectional second = new Bidirectional(new SimpleRNN(2));
        Sequential model = new Sequential(new Input(STEPS, FEATURES), first, second);
        model.compile("sgd", "mse");
        Weights f1 = Weights.random(FEATURES, UNITS, 4, 3);
        Weights b1 = Weights.random(FEATURES, UNITS, 4, 4);
        Weights f2 = Weights.random(UNITS, 2, 1, 5);
        Weights b2 = Weights.random(UNITS, 2, 1, 6);
        first.setWeights(concat(f1.arrays(), b1.arrays()));
        second.setWeights(concat(f2.arrays(), b2.arrays()));
        double[][][] x = inputs(4);
        double[][] mask = mask("post");
        INDArray actual = predict(model, second, x, mask);
        for (int i = 0; i < x.length; i++) {
            double[][] between = HandWrittenRnn.bidirectional("sum", true,
                    HandWrittenRnn.lstm(x[i], mask[i], f1.kernel, f1.recurrent, f1.bias, false),
                    HandWrittenRnn.lstm(x[i], mask[i], b1.kernel, b1.recurrent, b1.bias, true));
            double[][] fw = HandWrittenRnn.simpleRnn(between, mask[i], f2.kernel, f2.recurrent, f2.bias, false, false);
            double[][] bw = HandWrittenRnn.simpleRnn(between, mask[i], b2.kernel, b2.recurrent, b2.bias, true, false);
            assertRows(HandWrittenRnn.bidirectional("concat", false, fw, bw), actual, i);
        }
    }

    @Test
    void getWeights_forwardLayersThenBackwardLayers_inKerasShapes() {
        Bidirectional layer = new Bidirectional(new LSTM(UNITS));
        new Sequential(new Input(STEPS, FEATURES), layer).compile("sgd", "mse");
        List<INDArray> w = layer.getWeights();
        assertEquals(6, w.size());
        long[][] shapes = {{FEATURES, 4 * UNITS}, {UNITS, 4 * UNITS}, {4 * UNITS}};
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(shapes[i % 3], w.get(i).shape(), "weight " + i);
        }
        // Keras's unit_forget_bias in both directions: bias blocks (i, f, c, o) = (0, 1, 0, 0)
        for (int bias : new int[] {2, 5}) {
            assertEquals(UNITS, w.get(bias).sumNumber().doubleValue(), 1e-6);
            assertEquals(1.0, w.get(bias).getDouble(UNITS), 1e-6);
        }
        assertTrue(!w.get(0).equals(w.get(3)), "the two directions start from different kernels");
    }

    @Test
    void translate_backwardLayerWithOtherUnits_throws() {
        Bidirectional layer = new Bidirectional(new LSTM(UNITS), "concat",
                new LSTM(UNITS + 1).withGoBackwards(true)).withName("bi");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBidirectional.translate(layer, Shape.of(STEPS, FEATURES), List.of()));
        assertEquals("Bidirectional 'bi': the backward layer LSTM 'backward_lstm' must have the forward layer's units ("
                + UNITS + "), got " + (UNITS + 1), e.getMessage());
    }

    @Test
    void translate_returnSequencesFalse_runsBothLayersOverTheWholeSequence() {
        List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = Dl4jBidirectional.translate(
                new Bidirectional(new LSTM(UNITS), "sum").withName("bi"), Shape.of(STEPS, FEATURES), List.of());
        KerasBidirectional conf = assertInstanceOf(KerasBidirectional.class, dl4j.get(0));
        assertEquals(org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.CONCAT, conf.getMode());
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.LSTM.class, conf.getFwd());
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.LSTM.class, conf.getBwd());
        assertEquals("bi", conf.getLayerName());
    }

    @Test
    void dl4jJsonConfiguration_roundTripsAndPredictsTheSame() {
        Keras.setRandomSeed(8);
        Sequential model = new Sequential(new Input(STEPS, FEATURES), new Bidirectional(new LSTM(UNITS), "mul"));
        model.compile("sgd", "mse");
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), conf);
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        assertInstanceOf(BidirectionalLastSteps.class, copy.getLayer(0));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, STEPS, FEATURES);
        assertEquals(net.output(x), copy.output(x));
    }

    @Test
    void lastSteps_withPostPaddingMask_passGradientCheck() {
        // the backward LSTM reads the padding first: DL4J's own LSTM backprop gets this wrong (MaskedBackpropLstm)
        for (String mode : Bidirectional.MERGE_MODES) {
            gradientCheck("post", false, new Bidirectional(new LSTM(3), mode));
        }
    }

    @Test
    void lastSteps_withPrePaddingMask_passGradientCheck() {
        gradientCheck("pre", false, new Bidirectional(new LSTM(3), "ave"));
        gradientCheck("pre", false, new Bidirectional(new SimpleRNN(3), "sum"));
    }

    @Test
    void lastSteps_inFunctional_passGradientCheck() {
        gradientCheck("pre", true, new Bidirectional(new SimpleRNN(3), "mul"));
        gradientCheck("none", true, new Bidirectional(new LSTM(3), "concat"));
    }

    @Test
    void sequences_passGradientCheck() {
        for (String mode : Bidirectional.MERGE_MODES) {
            gradientCheck("none", false, new Bidirectional(new SimpleRNN(3).withReturnSequences(true), mode));
        }
        gradientCheck("none", false, new Bidirectional(new LSTM(3).withReturnSequences(true), "mul"));
    }

    @Test
    void stackedSequencesWithMask_passGradientCheck() {
        gradientCheck("post", false, new Bidirectional(new LSTM(3).withReturnSequences(true), "sum"),
                new Bidirectional(new LSTM(2)));
        gradientCheck("pre", true, new Bidirectional(new LSTM(3).withReturnSequences(true)),
                new Bidirectional(new SimpleRNN(2), "ave"));
    }

    /** The model's output against Keras's, written out, from the same random weights and inputs. */
    private static void check(Supplier<BaseRNN<?>> rnn, String mode, String padding, boolean functional) {
        Bidirectional layer = new Bidirectional(rnn.get(), mode);
        Model model;
        if (functional) {
            KerasTensor in = Keras.input(STEPS, FEATURES);
            model = new Functional(in, layer.apply(in));
        } else {
            model = new Sequential(new Input(STEPS, FEATURES), layer);
        }
        model.compile("sgd", "mse");
        boolean lstm = layer.forwardLayer() instanceof LSTM;
        int gates = lstm ? 4 : 1;
        Weights f = Weights.random(FEATURES, UNITS, gates, 11);
        Weights b = Weights.random(FEATURES, UNITS, gates, 12);
        layer.setWeights(concat(f.arrays(), b.arrays()));
        double[][][] x = inputs(13);
        double[][] mask = mask(padding);
        INDArray actual = predict(model, layer, x, mask);
        for (int i = 0; i < x.length; i++) {
            double[] m = mask == null ? null : mask[i];
            double[][] fw = lstm ? HandWrittenRnn.lstm(x[i], m, f.kernel, f.recurrent, f.bias, false)
                    : HandWrittenRnn.simpleRnn(x[i], m, f.kernel, f.recurrent, f.bias, false, false);
            double[][] bw = lstm ? HandWrittenRnn.lstm(x[i], m, b.kernel, b.recurrent, b.bias, true)
                    : HandWrittenRnn.simpleRnn(x[i], m, b.kernel, b.recurrent, b.bias, true, false);
            assertRows(HandWrittenRnn.bidirectional(mode, layer.returnSequences(), fw, bw), actual, i);
        }
    }

    /** Predictions of example {@code i}: {@code expected} rows are its time steps, or its one output. */
    private static void assertRows(double[][] expected, INDArray actual, int i) {
        INDArray row = actual.rank() == 3 ? actual.slice(i) : actual.slice(i).reshape(1, actual.size(1));
        assertArrayEquals(new long[] {expected.length, expected[0].length}, row.shape());
        for (int t = 0; t < expected.length; t++) {
            for (int j = 0; j < expected[t].length; j++) {
                assertEquals(expected[t][j], row.getDouble(t, j), TOLERANCE, "example " + i + ", step " + t + ", unit " + j);
            }
        }
    }

    /**
     * {@code model}'s predictions, through the DL4J network when there is a features mask. A masked
     * sequence output is read from the bidirectional layer itself: keras4j's output layers take no
     * per-step masks yet.
     */
    private static INDArray predict(Model model, Bidirectional layer, double[][][] x, double[][] mask) {
        INDArray in = Nd4j.create(flatten(x), new long[] {x.length, STEPS, FEATURES}, DataType.FLOAT);
        if (mask == null) {
            return model.predict(in);
        }
        INDArray m = Nd4j.create(mask).castTo(DataType.FLOAT);
        Object network = model.network().unwrap();
        if (layer.returnSequences()) {
            org.deeplearning4j.nn.api.Layer dl4j = network instanceof MultiLayerNetwork net ? net.getLayer(0)
                    : ((ComputationGraph) network).getLayer(layer.name());
            dl4j.feedForwardMaskArray(m, MaskState.Active, x.length);
            try {
                return dl4j.activate(in, false, LayerWorkspaceMgr.noWorkspaces());
            } finally {
                dl4j.setMaskArray(null);
            }
        }
        if (network instanceof MultiLayerNetwork net) {
            return net.output(in, false, m, null);
        }
        return ((ComputationGraph) network).output(false, new INDArray[] {in}, new INDArray[] {m})[0];
    }

    /** Three sequences of U(-1, 1) values, padded steps included (a mask must make them irrelevant). */
    private static double[][][] inputs(long seed) {
        Random r = new Random(seed);
        double[][][] x = new double[LENGTHS.length][STEPS][FEATURES];
        for (double[][] sequence : x) {
            for (double[] step : sequence) {
                for (int k = 0; k < FEATURES; k++) {
                    step[k] = 2 * r.nextDouble() - 1;
                }
            }
        }
        return x;
    }

    /** Null for "none"; else 1 on each sequence's {@link #LENGTHS} steps, at the start ("post") or the end ("pre"). */
    private static double[][] mask(String padding) {
        if (padding.equals("none")) {
            return null;
        }
        double[][] mask = new double[LENGTHS.length][STEPS];
        for (int i = 0; i < LENGTHS.length; i++) {
            for (int t = 0; t < LENGTHS[i]; t++) {
                mask[i][padding.equals("post") ? t : STEPS - 1 - t] = 1;
            }
        }
        return mask;
    }

    /** DL4J's finite-difference check in double precision of a model made of {@code layers} and the loss. */
    private static void gradientCheck(String padding, boolean functional, Bidirectional... layers) {
        DataType floatType = Nd4j.defaultFloatingPointType();
        DataType type = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Keras.setRandomSeed(7);
            Model model;
            if (functional) {
                KerasTensor in = Keras.input(4, 2);
                KerasTensor out = in;
                for (Bidirectional layer : layers) {
                    out = layer.apply(out);
                }
                model = new Functional(in, out);
            } else {
                List<org.keras4j.layers.Layer> all = new ArrayList<>(List.of(new Input(4, 2)));
                all.addAll(List.of(layers));
                model = new Sequential(all.toArray(new org.keras4j.layers.Layer[0]));
            }
            model.compile(new SGD(1.0), "mse");
            Shape out = Shape.of(4, 2);
            for (Bidirectional layer : layers) {
                out = layer.computeOutputShape(out);
            }
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 2).subi(0.5).muli(2);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 3, out.size()); // DL4J's loss layer reads labels flat
            INDArray mask = padding.equals("none") ? null
                    : Nd4j.create(padding.equals("post") ? new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}}
                            : new double[][] {{1, 1, 1, 1}, {0, 0, 1, 1}, {0, 0, 0, 1}});
            boolean ok;
            if (model.network().unwrap() instanceof MultiLayerNetwork net) {
                ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net.convertDataType(DataType.DOUBLE))
                        .input(x).labels(y).inputMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            } else {
                ComputationGraph graph = ((ComputationGraph) model.network().unwrap()).convertDataType(DataType.DOUBLE);
                ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                        .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                        .inputMask(mask == null ? null : new INDArray[] {mask})
                        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            }
            assertTrue(ok, List.of(layers) + " (" + layers[0].mergeMode() + "), padding=" + padding + ": gradient check failed");
        } finally {
            Nd4j.setDefaultDataTypes(type, floatType);
        }
    }

    private static double[] flatten(double[][][] x) {
        double[] out = new double[x.length * STEPS * FEATURES];
        int k = 0;
        for (double[][] sequence : x) {
            for (double[] step : sequence) {
                for (double v : step) {
                    out[k++] = v;
                }
            }
        }
        return out;
    }

    private static List<INDArray> concat(List<INDArray> a, List<INDArray> b) {
        List<INDArray> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** One direction's weights in Keras's layout, U(-0.5, 0.5). */
    private record Weights(double[][] kernel, double[][] recurrent, double[] bias) {
        static Weights random(int features, int units, int gates, long seed) {
            Random r = new Random(seed);
            return new Weights(matrix(r, features, gates * units), matrix(r, units, gates * units),
                    matrix(r, 1, gates * units)[0]);
        }

        List<INDArray> arrays() {
            return List.of(Nd4j.create(kernel), Nd4j.create(recurrent), Nd4j.create(bias));
        }

        private static double[][] matrix(Random r, int rows, int cols) {
            double[][] m = new double[rows][cols];
            for (double[] row : m) {
                for (int j = 0; j < cols; j++) {
                    row[j] = r.nextDouble() - 0.5;
                }
            }
            return m;
        }
    }
}
