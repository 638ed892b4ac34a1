package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.losses.BinaryCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.CategoricalCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.MeanAbsoluteErrorLoss;
import org.keras4j.internal.dl4j.losses.SparseCategoricalCrossentropyLoss;
import org.keras4j.losses.BinaryCrossentropy;
import org.keras4j.losses.CategoricalCrossentropy;
import org.keras4j.losses.CosineSimilarity;
import org.keras4j.losses.Hinge;
import org.keras4j.losses.Huber;
import org.keras4j.losses.KLDivergence;
import org.keras4j.losses.LogCosh;
import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanAbsoluteError;
import org.keras4j.losses.MeanAbsolutePercentageError;
import org.keras4j.losses.MeanSquaredError;
import org.keras4j.losses.MeanSquaredLogarithmicError;
import org.keras4j.losses.Poisson;
import org.keras4j.losses.SparseCategoricalCrossentropy;
import org.keras4j.losses.SquaredHinge;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The fusion of every loss with an output activation: the DL4J loss's per-example score equals
 * Keras's formula ({@link Loss#call}) on {@code activation(preOutput)}, its gradient equals the
 * central finite-difference gradient of that formula, masks weight examples, and the
 * configuration survives DL4J's JSON round trip.
 */
class Dl4jLossesTest {
    private static final double H = 1e-6;

    record Case(String label, Loss loss, ActivationFunction activation, INDArray preOutput, INDArray labels) {
        @Override
        public String toString() {
            return label;
        }

        Dl4jLosses.Fused fused() {
            return Dl4jLosses.fuse(loss, activation, preOutput.size(1));
        }
    }

    private static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    }

    /** Pre-activations for 3 outputs, away from every kink of the losses below. */
    private static final double[][] Z = {{0.3, -1.2, 2.1}, {-0.7, 0.45, 1.3}, {1.6, -0.25, -2.2}, {0.05, 0.9, -0.6}};
    private static final double[][] ONE_HOT = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final double[][] BINARY = {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}, {0, 1, 0}};
    private static final double[][] SIGNED = {{1, -1, 1}, {-1, -1, 1}, {1, 1, -1}, {-1, 1, -1}};
    private static final double[][] REAL = {{0.5, -0.4, 1.7}, {-1.1, 0.2, 0.8}, {2.0, 0.35, -1.5}, {0.6, 1.25, -0.1}};

    static Stream<Case> cases() {
        ActivationFunction linear = Activations.get("linear");
        ActivationFunction sigmoid = Activations.get("sigmoid");
        ActivationFunction softmax = Activations.get("softmax");
        ActivationFunction tanh = Activations.get("tanh");
        ActivationFunction relu = Activations.get("relu");
        INDArray z = rows(Z);
        INDArray classes = rows(new double[] {2}, new double[] {0}, new double[] {1}, new double[] {2});
        INDArray distributions = rows(new double[] {0.2, 0.3, 0.5}, new double[] {0.6, 0.1, 0.3},
                new double[] {0.1, 0.8, 0.1}, new double[] {1.0, 0.0, 0.0});
        INDArray inUnitInterval = rows(new double[] {0.3, 0.8, 0.55}, new double[] {0.9, 0.15, 0.4},
                new double[] {0.6, 0.25, 0.7}, new double[] {0.2, 0.45, 0.85});
        INDArray positive = rows(new double[] {0.3, 1.8, 2.5}, new double[] {0.9, 0.15, 4.0},
                new double[] {1.6, 0.25, 0.7}, new double[] {3.2, 0.45, 1.1});
        INDArray counts = rows(new double[] {0, 2, 3}, new double[] {1, 0, 5}, new double[] {2, 1, 0}, new double[] {4, 0, 1});
        return Stream.of(
                new Case("mse + linear", new MeanSquaredError(), linear, z, rows(REAL)),
                new Case("mse + sigmoid", new MeanSquaredError(), sigmoid, z, rows(BINARY)),
                new Case("mse + relu", new MeanSquaredError(), relu, z, rows(REAL)),
                new Case("mae + linear", new MeanAbsoluteError(), linear, z, rows(REAL)),
                new Case("mape + linear", new MeanAbsolutePercentageError(), linear, z, rows(REAL)),
                // alone in its row: the 1e9-scale term would drown finite differences of its neighbours
                new Case("mape + linear, zero label", new MeanAbsolutePercentageError(), linear,
                        rows(new double[] {0.4}, new double[] {-1.3}), rows(new double[] {0}, new double[] {-0.5})),
                new Case("msle + linear (one prediction under the floor)", new MeanSquaredLogarithmicError(), linear,
                        rows(new double[] {0.3, 1.8, 2.5}, new double[] {0.9, -0.5, 4.0}), rows(new double[] {1, 0, 3},
                                new double[] {2, 1, 0})),
                new Case("huber(1) + linear", new Huber(), linear, z, rows(REAL)),
                new Case("huber(0.5) + tanh", new Huber(0.5), tanh, z, rows(REAL)),
                new Case("log_cosh + linear", new LogCosh(), linear, z, rows(REAL)),
                new Case("bce + sigmoid, 3 units", new BinaryCrossentropy(), sigmoid, z, rows(BINARY)),
                new Case("bce + sigmoid, 1 unit", new BinaryCrossentropy(), sigmoid,
                        rows(new double[] {0.4}, new double[] {-1.3}, new double[] {2.2}), rows(new double[] {1},
                                new double[] {0}, new double[] {0})),
                new Case("bce(label_smoothing=0.1) + sigmoid", new BinaryCrossentropy(false, 0.1), sigmoid, z, rows(BINARY)),
                new Case("bce + linear probabilities", new BinaryCrossentropy(), linear, inUnitInterval, rows(BINARY)),
                new Case("bce(from_logits) + linear", new BinaryCrossentropy(true), linear, z, rows(BINARY)),
                new Case("bce(from_logits, label_smoothing=0.2) + linear", new BinaryCrossentropy(true, 0.2), linear, z,
                        rows(BINARY)),
                new Case("cce + softmax", new CategoricalCrossentropy(), softmax, z, rows(ONE_HOT)),
                new Case("cce(label_smoothing=0.1) + softmax", new CategoricalCrossentropy(false, 0.1), softmax, z,
                        rows(ONE_HOT)),
                new Case("cce + sigmoid (renormalised)", new CategoricalCrossentropy(), sigmoid, z, rows(ONE_HOT)),
                new Case("cce(from_logits) + linear", new CategoricalCrossentropy(true), linear, z, rows(ONE_HOT)),
                new Case("cce(from_logits, label_smoothing=0.2) + linear", new CategoricalCrossentropy(true, 0.2), linear, z,
                        rows(ONE_HOT)),
                new Case("sparse cce + softmax", new SparseCategoricalCrossentropy(), softmax, z, classes),
                new Case("sparse cce + sigmoid (renormalised)", new SparseCategoricalCrossentropy(), sigmoid, z, classes),
                new Case("sparse cce(from_logits) + linear", new SparseCategoricalCrossentropy(true), linear, z, classes),
                new Case("kld + softmax", new KLDivergence(), softmax, z, distributions),
                new Case("poisson + linear", new Poisson(), linear, positive, counts),
                new Case("poisson + sigmoid", new Poisson(), sigmoid, z, counts),
                new Case("hinge + tanh, 0/1 labels", new Hinge(), tanh, z, rows(BINARY)),
                new Case("hinge + linear, -1/1 labels", new Hinge(), linear, z, rows(SIGNED)),
                new Case("squared_hinge + tanh, 0/1 labels", new SquaredHinge(), tanh, z, rows(BINARY)),
                new Case("cosine_similarity + linear", new CosineSimilarity(), linear, z, rows(REAL)),
                new Case("cosine_similarity + tanh", new CosineSimilarity(), tanh, z, rows(REAL)));
    }

    /** Keras's formula on the activation's output, one value per example. */
    private static double[] kerasPerExample(Case c, INDArray preOutput) {
        IActivation activation = c.fused().activation();
        INDArray output = activation.getActivation(preOutput.dup(), false);
        return c.loss().call(c.labels(), output).toDoubleVector();
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1.0, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale,
                    what + " at " + i + ": expected " + Arrays.toString(expected) + " but was " + Arrays.toString(actual));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fusedScore_matchesKerasFormulaPerExample(Case c) {
        Dl4jLosses.Fused fused = c.fused();
        // DL4J's built-in losses overwrite preOutput while back-propagating: every call gets a copy
        INDArray scores = fused.loss().computeScoreArray(c.labels(), c.preOutput().dup(), fused.activation(), null);
        assertEquals(Arrays.asList(c.preOutput().size(0), 1L), Arrays.asList(scores.size(0), scores.size(1)));
        double[] expected = kerasPerExample(c, c.preOutput());
        assertClose(expected, scores.toDoubleVector(), 1e-5, c.label());
        double mean = Arrays.stream(expected).average().orElseThrow();
        assertEquals(mean, fused.loss().computeScore(c.labels(), c.preOutput().dup(), fused.activation(), null, true),
                1e-5 * Math.max(1, Math.abs(mean)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fusedGradient_matchesFiniteDifferencesOfKerasFormula(Case c) {
        Dl4jLosses.Fused fused = c.fused();
        INDArray gradient = fused.loss().computeGradient(c.labels(), c.preOutput().dup(), fused.activation(), null);
        INDArray z = c.preOutput();
        double[] numeric = new double[(int) z.length()];
        for (int i = 0; i < z.rows(); i++) {
            for (int j = 0; j < z.columns(); j++) {
                INDArray plus = z.dup();
                plus.putScalar(i, j, z.getDouble(i, j) + H);
                INDArray minus = z.dup();
                minus.putScalar(i, j, z.getDouble(i, j) - H);
                // z_ij only affects the loss of example i
                numeric[i * z.columns() + j] = (kerasPerExample(c, plus)[i] - kerasPerExample(c, minus)[i]) / (2 * H);
            }
        }
        assertClose(numeric, gradient.reshape(z.length()).toDoubleVector(), 1e-5, c.label());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fusedLoss_perExampleMaskWeightsScoreAndGradient(Case c) {
        Dl4jLosses.Fused fused = c.fused();
        long n = c.preOutput().size(0);
        INDArray weights = Nd4j.linspace(DataType.DOUBLE, 0.0, 1.5, n).reshape(n, 1);
        INDArray plainScores = fused.loss().computeScoreArray(c.labels(), c.preOutput().dup(), fused.activation(), null);
        INDArray maskedScores = fused.loss().computeScoreArray(c.labels(), c.preOutput().dup(), fused.activation(), weights);
        assertClose(plainScores.mul(weights).toDoubleVector(), maskedScores.toDoubleVector(), 1e-9, c.label());
        INDArray plainGradient = fused.loss().computeGradient(c.labels(), c.preOutput().dup(), fused.activation(), null);
        INDArray maskedGradient = fused.loss().computeGradient(c.labels(), c.preOutput().dup(), fused.activation(),
                weights);
        assertClose(plainGradient.mulColumnVector(weights).reshape(plainGradient.length()).toDoubleVector(),
                maskedGradient.reshape(maskedGradient.length()).toDoubleVector(), 1e-9, c.label());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fusedLoss_survivesDl4jJsonRoundTrip(Case c) {
        Dl4jLosses.Fused fused = c.fused();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder().nIn(2).nOut(c.preOutput().size(1))
                        .activation(fused.activation()).lossFunction(fused.outputLayerLoss()).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        ILossFunction restored = ((OutputLayer) back.getConf(0).getLayer()).getLossFn();
        assertEquals(fused.outputLayerLoss(), restored);
        assertEquals(fused.loss().computeScore(c.labels(), c.preOutput().dup(), fused.activation(), null, true),
                restored.computeScore(c.labels(), c.preOutput().dup(), fused.activation(), null, true), 1e-12);
    }

    @Test
    void fuse_usesDl4jBuiltinsWhereTheyMatchKeras() {
        ActivationFunction softmax = Activations.get("softmax");
        assertInstanceOf(LossMSE.class, Dl4jLosses.fuse(new MeanSquaredError(), Activations.get("linear"), 2).loss());
        assertInstanceOf(LossMCXENT.class, Dl4jLosses.fuse(new CategoricalCrossentropy(), softmax, 3).loss());
        assertInstanceOf(LossSparseMCXENT.class, Dl4jLosses.fuse(new SparseCategoricalCrossentropy(), softmax, 3).loss());
    }

    @Test
    void fuse_usesKerasLossesWhereDl4jDiffers() {
        ActivationFunction linear = Activations.get("linear");
        ActivationFunction softmax = Activations.get("softmax");
        assertInstanceOf(MeanAbsoluteErrorLoss.class, Dl4jLosses.fuse(new MeanAbsoluteError(), linear, 3).loss());
        assertInstanceOf(BinaryCrossentropyLoss.class,
                Dl4jLosses.fuse(new BinaryCrossentropy(), Activations.get("sigmoid"), 1).loss());
        assertInstanceOf(CategoricalCrossentropyLoss.class, Dl4jLosses.fuse(new CategoricalCrossentropy(true), linear, 3).loss());
        assertInstanceOf(CategoricalCrossentropyLoss.class,
                Dl4jLosses.fuse(new CategoricalCrossentropy(false, 0.1), softmax, 3).loss());
        assertInstanceOf(SparseCategoricalCrossentropyLoss.class,
                Dl4jLosses.fuse(new SparseCategoricalCrossentropy(true), linear, 3).loss());
    }

    @Test
    void fuse_keepsTheOutputActivation() {
        assertEquals(Dl4jActivations.toDl4j(Activations.get("tanh")).getClass(),
                Dl4jLosses.fuse(new Hinge(), Activations.get("tanh"), 3).activation().getClass());
    }

    @Test
    void fuse_softmaxOnOneUnit_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jLosses.fuse(new CategoricalCrossentropy(), Activations.get("softmax"), 1));
        assertTrue(e.getMessage().startsWith("softmax over a single output unit always outputs 1.0"), e.getMessage());
    }

    @Test
    void fuse_lossWithoutTranslation_throws() {
        Loss custom = new Loss(false) {
            @Override
            public INDArray call(INDArray yTrue, INDArray yPred) {
                return yPred.sub(yTrue).sum(1);
            }

            @Override
            public String identifier() {
                return "my_loss";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jLosses.fuse(custom, Activations.get("linear"), 2));
        assertTrue(e.getMessage().startsWith("loss 'my_loss'"), e.getMessage());
    }

    @Test
    void binaryCrossentropy_averagesOverOutputsUnlikeDl4j() {
        Dl4jLosses.Fused fused = Dl4jLosses.fuse(new BinaryCrossentropy(), Activations.get("sigmoid"), 2);
        // sigmoid(0) = 0.5 for both outputs: Keras's mean is log 2 (DL4J's LossBinaryXENT would sum: 2 log 2)
        double score = fused.loss().computeScore(rows(new double[] {1, 0}), rows(new double[] {0, 0}), fused.activation(),
                null, true);
        assertEquals(Math.log(2), score, 1e-12);
    }

    @Test
    void binaryCrossentropy_saturatedSigmoidStillHasGradient() {
        // sigmoid(40) is 1 in floating point; the chain rule through it would give 0
        Dl4jLosses.Fused fused = Dl4jLosses.fuse(new BinaryCrossentropy(), Activations.get("sigmoid"), 1);
        INDArray gradient = fused.loss().computeGradient(rows(new double[] {0}), rows(new double[] {40}),
                fused.activation(), null);
        assertEquals(1.0, gradient.getDouble(0, 0), 1e-12);
    }

    @Test
    void categoricalCrossentropy_fromLogits_largeLogitsStayFinite() {
        Dl4jLosses.Fused fused = Dl4jLosses.fuse(new CategoricalCrossentropy(true), Activations.get("linear"), 2);
        INDArray labels = rows(new double[] {0, 1});
        INDArray logits = rows(new double[] {1000, 0});
        assertEquals(1000, fused.loss().computeScore(labels, logits, fused.activation(), null, true), 1e-9);
        INDArray gradient = fused.loss().computeGradient(labels, logits, fused.activation(), null);
        assertEquals(Arrays.toString(new double[] {1, -1}), Arrays.toString(gradient.toDoubleVector()));
    }

    static Stream<Case> networkCases() {
        return cases().filter(c -> Stream.of("mse + linear", "mae + linear", "bce + sigmoid, 3 units",
                "cce + softmax", "sparse cce(from_logits) + linear", "kld + softmax", "hinge + tanh, 0/1 labels")
                .anyMatch(c.label()::equals));
    }

    @ParameterizedTest
    @MethodSource("networkCases")
    void fusedOutputLayer_networkScoreEqualsKerasWeightedLossAndTrains(Case c) {
        Dl4jLosses.Fused fused = c.fused();
        assertScoreAndTraining(c, new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new OutputLayer.Builder().nIn(3).nOut(c.preOutput().size(1))
                        .activation(fused.activation()).lossFunction(fused.outputLayerLoss()).build())
                .build());
    }

    @ParameterizedTest
    @MethodSource("networkCases")
    void fusedLossLayer_networkScoreEqualsKerasWeightedLossAndTrains(Case c) {
        Dl4jLosses.Fused fused = c.fused();
        assertScoreAndTraining(c, new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(c.preOutput().size(1)).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder().activation(fused.activation()).lossFunction(fused.loss()).build())
                .build());
    }

    /** Sample weights as the label mask, including 0 and non-binary weights. */
    private static void assertScoreAndTraining(Case c, MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        long n = c.preOutput().size(0);
        INDArray x = rows(REAL);
        INDArray weights = Nd4j.createFromArray(1.0, 0.5, 2.0, 0.0).reshape(n, 1);
        DataSet data = new DataSet(x, c.labels(), null, weights);
        double expected = c.loss().compute(c.labels(), net.output(x), weights);
        assertEquals(expected, net.score(data), 1e-9 * Math.max(1, Math.abs(expected)), c.label());
        for (int i = 0; i < 20; i++) {
            net.fit(data);
        }
        double trained = c.loss().compute(c.labels(), net.output(x), weights);
        assertEquals(trained, net.score(data), 1e-9 * Math.max(1, Math.abs(trained)), c.label());
        assertTrue(trained < expected, c.label() + ": training did not lower the loss from " + expected);
    }
}
