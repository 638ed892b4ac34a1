package org.keras4j.internal.dl4j.updaters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link FusedAdamStep} trains as {@code MultiLayerNetwork.fit} with {@link HostAdam} does. */
class FusedAdamStepTest {
    private static final int IN = 200;

    @AfterEach
    void clearProperty() {
        System.clearProperty(FusedAdamStep.PROPERTY);
    }

    /** A 200-90-4 network (over 16,384 parameters: several chunks), its output layer with its own learning rate (two blocks). */
    private static MultiLayerNetwork network(UnaryOperator<NeuralNetConfiguration.ListBuilder> extra) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(4).dataType(DataType.FLOAT).updater(new HostAdam(0.01, 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(90).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(90).nOut(4).activation(Activation.SOFTMAX)
                        .updater(new HostAdam(0.003, 0.8, 0.99, 1e-7)).build());
        MultiLayerNetwork net = new MultiLayerNetwork(extra.apply(list).build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork network() {
        return network(l -> l);
    }

    private static INDArray features(long rows) {
        Nd4j.getRandom().setSeed(9);
        return Nd4j.randn(DataType.FLOAT, rows, IN);
    }

    private static INDArray labels(long rows) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 4);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, (i * 5) % 4, 1f);
        }
        return y;
    }

    @Test
    void steps_equalFit_parametersScoresAndAdamState() {
        MultiLayerNetwork dl4j = network();
        MultiLayerNetwork ours = network();
        FusedAdamStep step = FusedAdamStep.of(ours);
        assertNotNull(step);
        INDArray x = features(24);
        INDArray y = labels(24);
        assertFalse(step.train(x, y).isPresent(), "before DL4J has made its updater");
        dl4j.fit(x, y);
        ours.fit(x, y);
        assertEquals(2, ours.getUpdater().getStateViewArray().length() / ours.numParams(), "Adam's m and v");
        for (int i = 0; i < 15; i++) {
            INDArray xi = i % 2 == 0 ? x : features(7).muli(i);
            INDArray yi = i % 2 == 0 ? y : labels(7);
            dl4j.fit(xi, yi);
            OptionalDouble score = step.train(xi, yi);
            assertTrue(score.isPresent());
            assertEquals(dl4j.score(), score.getAsDouble(), 1e-5, "score of step " + i);
        }
        assertEquals(dl4j.getIterationCount(), ours.getIterationCount());
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-5), "parameters");
        assertTrue(dl4j.getUpdater().getStateViewArray().equalsWithEps(ours.getUpdater().getStateViewArray(), 1e-5),
                "Adam's moments");
    }

    @Test
    void newLearningRate_replacesTheUpdater_andTheStepFollows() {
        MultiLayerNetwork dl4j = network();
        MultiLayerNetwork ours = network();
        FusedAdamStep step = FusedAdamStep.of(ours);
        INDArray x = features(16);
        INDArray y = labels(16);
        dl4j.fit(x, y);
        ours.fit(x, y);
        step.train(x, y);
        dl4j.fit(x, y);
        dl4j.setLearningRate(0.05);
        ours.setLearningRate(0.05);
        for (int i = 0; i < 3; i++) {
            dl4j.fit(x, y);
            assertTrue(step.train(x, y).isPresent());
        }
        assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-5));
    }

    @Test
    void sameSeed_sameModel_withTheStepSwitchedOff() {
        INDArray x = features(300);
        INDArray y = labels(300);
        Sequential on = trained(x, y);
        System.setProperty(FusedAdamStep.PROPERTY, "false");
        Sequential off = trained(x, y);
        for (int i = 0; i < on.getWeights().size(); i++) {
            assertTrue(on.getWeights().get(i).equalsWithEps(off.getWeights().get(i), 1e-5), "weights " + i);
        }
    }

    /** A 200-90-4 model from seed 7, trained 2 shuffled epochs. */
    private static Sequential trained(INDArray x, INDArray y) {
        Keras.setRandomSeed(7);
        Sequential model = new Sequential(new Input(IN), new Dense(90, "relu"), new Dense(4, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        assertEquals(FusedAdamStep.enabled(), FusedAdamStep.of((MultiLayerNetwork) model.network().unwrap()) != null);
        model.fit(x, y, FitOptions.defaults().epochs(2).batchSize(64).verbose(0));
        return model;
    }

    @Test
    void declines_otherUpdatersRegularizationNormalizationConstraintsBatchStatisticsAndDoubles() {
        assertNotNull(FusedAdamStep.of(network()));
        assertNull(FusedAdamStep.of(build(l -> l.layer(0, dense(b -> b.updater(new Sgd(0.1)))))));
        assertNull(FusedAdamStep.of(build(l -> l.layer(0, dense(b -> b.l2(1e-3))))));
        assertNull(FusedAdamStep.of(build(l -> l.layer(0, dense(b -> b.gradientNormalization(
                GradientNormalization.ClipElementWiseAbsoluteValue).gradientNormalizationThreshold(1.0))))));
        assertNull(FusedAdamStep.of(build(l -> l.layer(0, dense(b -> b.constrainWeights(new MaxNormConstraint(2.0, 1)))))));
        assertNull(FusedAdamStep.of(build(l -> l.layer(0, new BatchNormalization.Builder().nIn(IN).nOut(IN).build())
                .layer(1, dense(b -> b)))));
        MultiLayerNetwork doubles = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new HostAdam(0.01, 0.9, 0.999, 1e-7)).list().layer(dense(b -> b)).layer(output()).build());
        doubles.init();
        assertNull(FusedAdamStep.of(doubles));
        System.setProperty(FusedAdamStep.PROPERTY, "false");
        assertNull(FusedAdamStep.of(network()));
    }

    private static DenseLayer dense(UnaryOperator<DenseLayer.Builder> settings) {
        return settings.apply(new DenseLayer.Builder().nIn(IN).nOut(90).activation(Activation.RELU)).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(90).nOut(4).activation(Activation.SOFTMAX).build();
    }

    /** A HostAdam network whose layers {@code layers} sets (index 0 the first), the output layer last. */
    private static MultiLayerNetwork build(UnaryOperator<NeuralNetConfiguration.ListBuilder> layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(4).dataType(DataType.FLOAT).updater(new HostAdam(0.01, 0.9, 0.999, 1e-7)).list();
        layers.apply(list);
        int next = list.getLayerwise().size();
        MultiLayerConfiguration conf = list.layer(next, output()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
