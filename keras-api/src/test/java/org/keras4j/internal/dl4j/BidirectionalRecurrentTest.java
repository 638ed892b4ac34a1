package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
import org.keras4j.internal.dl4j.layers.BidirectionalRecurrent;
import org.keras4j.internal.dl4j.layers.BidirectionalRecurrentLayer;
import org.keras4j.internal.dl4j.layers.KerasBidirectional;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.core.Masking;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Bidirectional} on keras4j's recurrent layers ({@link BidirectionalRecurrent}): for GRU,
 * LSTM and SimpleRNN, every merge mode, with and without {@code returnSequences}, without padding,
 * with padding after or before the sequences and with holes inside them, the model predicts what
 * Keras's {@code Bidirectional} gives, written out from {@link RnnReference} (the backward layer
 * reads backwards, its outputs reversed into time order; both output zeros at masked steps when
 * returning sequences, as Keras forces {@code zero_output_for_mask}). Its backprop passes DL4J's
 * gradient check in double precision.
 */
class BidirectionalRecurrentTest {
    private static final int STEPS = RnnFixture.STEPS;
    private static final int FEATURES = RnnFixture.FEATURES;
    private static final int UNITS = RnnFixture.UNITS;
    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String cell : new String[] {"GRU", "LSTM", "SimpleRNN"}) {
            for (String mode : Bidirectional.MERGE_MODES) {
                for (boolean returnSequences : new boolean[] {true, false}) {
                    for (String padding : new String[] {"none", "post", "pre", "holes"}) {
                        out.add(Arguments.of(cell, mode, returnSequences, padding));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, returnSequences={2}, padding={3}")
    @MethodSource("cases")
    void maskedBidirectional_inSequential_equalsKerasByHand(String cell, String mode, boolean returnSequences,
                                                            String padding) {
        Bidirectional layer = new Bidirectional(rnn(cell, returnSequences), mode);
        Sequential model = new Sequential(new Input(STEPS, FEATURES), new Masking(), layer);
        check(model, layer, cell, padding);
        assertInstanceOf(BidirectionalRecurrentLayer.class, ((MultiLayerNetwork) model.network().unwrap()).getLayer(1));
    }

    @Test
    void maskedBidirectionalGru_inFunctional_equalsKerasByHand() {
        for (boolean returnSequences : new boolean[] {true, false}) {
            Bidirectional layer = new Bidirectional(rnn("GRU", returnSequences), "ave");
            KerasTensor in = Keras.input(STEPS, FEATURES);
            check(new Functional(in, layer.apply(new Masking().apply(in))), layer, "GRU", "holes");
        }
    }

    @Test
    void backwardLayerWithOtherActivationAndInitializers_equalsKerasByHand() {
        Bidirectional layer = new Bidirectional(new GRU(UNITS).withReturnSequences(true), "concat",
                new GRU(UNITS, "relu").withReturnSequences(true).withGoBackwards(true).withKernelInitializer("he_normal")
                        .withResetAfter(false));
        Sequential model = new Sequential(new Input(STEPS, FEATURES), layer);
        model.compile("sgd", "mse");
        assertInstanceOf(BidirectionalRecurrentLayer.class, ((MultiLayerNetwork) model.network().unwrap()).getLayer(0));
        List<INDArray> f = RnnFixture.kerasWeights(layer.forwardLayer(), 21);
        List<INDArray> b = RnnFixture.kerasWeights(layer.backwardLayer(), 22);
        List<INDArray> all = new ArrayList<>(f);
        all.addAll(b);
        layer.setWeights(all);
        INDArray x = RnnFixture.sequences(23, 3, STEPS);
        double[][][] expected = keras(RnnFixture.reference(layer.forwardLayer(), f, RnnReference.TANH, RnnReference.SIGMOID),
                RnnFixture.reference(layer.backwardLayer(), b, RnnReference.RELU, RnnReference.SIGMOID), "concat", true,
                RnnFixture.array3(x), null);
        RnnFixture.assertClose(expected, model.predict(x.castTo(DataType.FLOAT)), TOLERANCE, "relu backward GRU");
    }

    @Test
    void getWeights_forwardThenBackward_inKerasShapes() {
        Bidirectional layer = new Bidirectional(new GRU(UNITS));
        new Sequential(new Input(STEPS, FEATURES), layer).compile("sgd", "mse");
        List<INDArray> w = layer.getWeights();
        long[][] shapes = {{FEATURES, 3 * UNITS}, {UNITS, 3 * UNITS}, {2, 3 * UNITS}};
        assertEquals(6, w.size());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(shapes[i % 3], w.get(i).shape(), "weight " + i);
        }
        assertTrue(!w.get(0).equals(w.get(3)), "the two directions start from different kernels");
        List<INDArray> given = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            given.add(Nd4j.rand(DataType.FLOAT, shapes[i % 3]));
        }
        layer.setWeights(given);
        for (int i = 0; i < 6; i++) {
            assertEquals(given.get(i), layer.getWeights().get(i), "weight " + i);
        }
    }

    @Test
    void translate_unmaskedLstm_staysOnDl4jsLayer_maskedOrGruOnKeras4js() {
        Shape in = Shape.of(STEPS, FEATURES);
        assertInstanceOf(KerasBidirectional.class, Dl4jBidirectional.translate(new Bidirectional(new LSTM(UNITS)), in,
                List.of(), false).get(0));
        BidirectionalRecurrent masked = assertInstanceOf(BidirectionalRecurrent.class,
                Dl4jBidirectional.translate(new Bidirectional(new LSTM(UNITS)).withName("bi"), in, List.of(), true).get(0));
        assertEquals("bi", masked.getLayerName());
        assertInstanceOf(BidirectionalRecurrent.class, Dl4jBidirectional.translate(new Bidirectional(new GRU(UNITS)), in,
                List.of(), false).get(0));
        // a backward layer with its own initializer: DL4J's wrapper would initialize it as the forward one
        assertInstanceOf(BidirectionalRecurrent.class, Dl4jBidirectional.translate(new Bidirectional(new LSTM(UNITS),
                "sum", new LSTM(UNITS).withGoBackwards(true).withKernelInitializer("zeros")), in, List.of(), false).get(0));
    }

    @Test
    void translate_backwardLayerWithOtherUnits_throwsNamingBoth() {
        Bidirectional layer = new Bidirectional(new GRU(UNITS), "sum", new GRU(UNITS + 1).withGoBackwards(true))
                .withName("bi");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBidirectional.translate(layer, Shape.of(STEPS, FEATURES), List.of(), false));
        assertEquals("Bidirectional 'bi': the backward layer GRU 'backward_gru' must have the forward layer's units ("
                + UNITS + "), got " + (UNITS + 1), e.getMessage());
    }

    @Test
    void dl4jJsonConfiguration_roundTripsAndPredictsTheSame() {
        Keras.setRandomSeed(8);
        Sequential model = new Sequential(new Input(STEPS, FEATURES), new Bidirectional(new GRU(UNITS), "mul"));
        model.compile("sgd", "mse");
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), conf);
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, STEPS, FEATURES);
        assertEquals(net.output(x), copy.output(x));
    }

    @Test
    void gradientCheck_everyMergeMode_bothOutputs_postPrePaddingAndHoles() {
        for (String mode : Bidirectional.MERGE_MODES) {
            for (boolean returnSequences : new boolean[] {true, false}) {
                gradientCheck(() -> new GRU(3).withReturnSequences(returnSequences), mode, "post", false);
                gradientCheck(() -> new LSTM(3).withReturnSequences(returnSequences), mode, "pre", false);
            }
        }
        gradientCheck(() -> new GRU(3).withResetAfter(false).withReturnSequences(true), "concat", "holes", false);
        gradientCheck(() -> new SimpleRNN(3), "mul", "holes", true);
        gradientCheck(() -> new LSTM(3).withReturnSequences(true), "sum", "none", true);
    }

    private static BaseRNN<?> rnn(String cell, boolean returnSequences) {
        return switch (cell) {
            case "GRU" -> new GRU(UNITS).withReturnSequences(returnSequences);
            case "LSTM" -> new LSTM(UNITS).withReturnSequences(returnSequences);
            default -> new SimpleRNN(UNITS).withReturnSequences(returnSequences);
        };
    }

    /** Per example, 1 for a real step. */
    private static double[][] mask(String padding) {
        return switch (padding) {
            case "none" -> null;
            case "post" -> new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}};
            case "pre" -> new double[][] {{1, 1, 1, 1, 1}, {0, 0, 1, 1, 1}, {0, 0, 0, 0, 1}};
            default -> new double[][] {{1, 0, 1, 1, 0}, {0, 1, 1, 0, 1}, {1, 1, 0, 1, 1}};
        };
    }

    /** {@code model} (a Masking layer, then {@code layer}) predicts Keras's Bidirectional written out by hand. */
    private static void check(Model model, Bidirectional layer, String cell, String padding) {
        Keras.setRandomSeed(5);
        model.compile("sgd", "mse");
        List<INDArray> f = RnnFixture.kerasWeights(layer.forwardLayer(), 11);
        List<INDArray> b = RnnFixture.kerasWeights(layer.backwardLayer(), 12);
        List<INDArray> all = new ArrayList<>(f);
        all.addAll(b);
        layer.setWeights(all);
        double[][] mask = mask(padding);
        INDArray x = RnnFixture.sequences(13, 3, STEPS);
        for (int i = 0; mask != null && i < mask.length; i++) {
            for (int t = 0; t < STEPS; t++) {
                if (mask[i][t] == 0) {
                    x.slice(i).getRow(t).assign(0); // Masking's padding value
                }
            }
        }
        DoubleUnaryOperator gates = cell.equals("SimpleRNN") ? null : RnnReference.SIGMOID;
        double[][][] expected = keras(RnnFixture.reference(layer.forwardLayer(), f, RnnReference.TANH, gates),
                RnnFixture.reference(layer.backwardLayer(), b, RnnReference.TANH, gates), layer.mergeMode(),
                layer.returnSequences(), RnnFixture.array3(x), mask);
        INDArray actual = model.predict(x.castTo(DataType.FLOAT));
        String what = layer.mergeMode() + " " + layer.forwardLayer() + ", padding " + padding;
        if (layer.returnSequences()) {
            RnnFixture.assertClose(expected, actual, TOLERANCE, what);
        } else {
            double[][] last = new double[expected.length][];
            for (int i = 0; i < last.length; i++) {
                last[i] = expected[i][0];
            }
            RnnFixture.assertClose(last, actual, TOLERANCE, what);
        }
    }

    /**
     * Keras's {@code Bidirectional.call}: the forward layer as given, the backward layer with
     * {@code go_backwards}, both with {@code zero_output_for_mask = return_sequences}; with
     * {@code return_sequences} the backward outputs flipped into time order and merged step by
     * step, else the two last outputs merged. Rows per example: the steps, or the one output.
     */
    static double[][][] keras(RnnReference forward, RnnReference backward, String mode, boolean returnSequences,
                              double[][][] x, double[][] mask) {
        forward.goBackwards = false;
        backward.goBackwards = true;
        forward.zeroOutputForMask = returnSequences;
        backward.zeroOutputForMask = returnSequences;
        RnnReference.Result f = forward.run(x, mask, null);
        RnnReference.Result b = backward.run(x, mask, null);
        int steps = x[0].length;
        double[][][] out = new double[x.length][][];
        for (int i = 0; i < x.length; i++) {
            if (!returnSequences) {
                out[i] = new double[][] {HandWrittenRnn.merge(mode, f.last()[i], b.last()[i])};
                continue;
            }
            out[i] = new double[steps][];
            for (int t = 0; t < steps; t++) {
                out[i][t] = HandWrittenRnn.merge(mode, f.outputs()[i][t], b.outputs()[i][steps - 1 - t]);
            }
        }
        return out;
    }

    /** DL4J's finite-difference check in double precision of {@code Bidirectional(rnn, mode)} on keras4j's layers. */
    private static void gradientCheck(Supplier<BaseRNN<?>> rnn, String mode, String padding, boolean functional) {
        DataType floatType = Nd4j.defaultFloatingPointType();
        DataType type = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Dl4jRecurrentLayers.forceKerasRecurrent(true);
        try {
            Keras.setRandomSeed(7);
            Bidirectional layer = new Bidirectional(rnn.get(), mode);
            Model model;
            if (functional) {
                KerasTensor in = Keras.input(4, 2);
                model = new Functional(in, layer.apply(in));
            } else {
                model = new Sequential(new Input(4, 2), layer);
            }
            model.compile(new SGD(1.0), "mse");
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 2).subi(0.5).muli(2);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 3, layer.computeOutputShape(Shape.of(4, 2)).size());
            INDArray mask = switch (padding) {
                case "none" -> null;
                case "post" -> Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}});
                case "pre" -> Nd4j.create(new double[][] {{1, 1, 1, 1}, {0, 0, 1, 1}, {0, 0, 0, 1}});
                default -> Nd4j.create(new double[][] {{1, 0, 1, 1}, {0, 1, 1, 0}, {1, 1, 0, 1}});
            };
            boolean ok;
            if (model.network().unwrap() instanceof MultiLayerNetwork net) {
                assertInstanceOf(BidirectionalRecurrentLayer.class, net.getLayer(0));
                ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net.convertDataType(DataType.DOUBLE))
                        .input(x).labels(y).inputMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            } else {
                ComputationGraph graph = ((ComputationGraph) model.network().unwrap()).convertDataType(DataType.DOUBLE);
                ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                        .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                        .inputMask(mask == null ? null : new INDArray[] {mask})
                        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            }
            assertTrue(ok, layer.forwardLayer() + " (" + mode + "), padding=" + padding + ": gradient check failed");
        } finally {
            Dl4jRecurrentLayers.forceKerasRecurrent(false);
            Nd4j.setDefaultDataTypes(type, floatType);
        }
    }
}
