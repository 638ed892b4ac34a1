package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.keras4j.Functional;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every real Keras config of the fixtures builds, with Keras's parameter counts (INDEX.md of keras-models). */
class KerasModelConfigFixturesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mnist_mlp_keras2.0.6.json, 669706, 669706, 0",
            "simple_lstm_keras1.2.2.model_config.json, 10451, 10451, 0",
            "simple_rnn_keras2.1.3.model_config.json, 2651, 2651, 0",
            "cnn_batch_norm_keras2.1.3.model_config.json, 79, 77, 2",
            "issue_9349_keras2.4.0.model_config.json, 44, 44, 0",
            "misc_0_tfkeras2.2.4.model_config.json, 116, 116, 0",
            "acas_decr128_keras2.5.0.model_config.json, 28229, 28229, 0",
            "add_keras2.12.0.model_config.json, 168, 168, 0",
            "concat_keras2.12.0.model_config.json, 168, 168, 0",
            "lenet_fmnist_tfkeras2.2.4.json, 844326, 844326, 0",
            "lenet_bn_fmnist_tfkeras2.2.4.json, 846070, 845198, 872",
            "toyresnet_fmnist_tfkeras2.2.4.json, 222666, 222666, 0",
            "thiru_fmnist_keras3.10.model_config.json, 93322, 93322, 0",
            "sami_fmnist_keras3.13.config.json, 93962, 93962, 0"})
    void fixture_builds_withKerasParameterCounts(String file, long total, long trainable, long nonTrainable) {
        Model model = KerasFixtures.model(file);
        assertArrayEquals(new long[] {total, trainable, nonTrainable}, KerasFixtures.counts(model), model.summaryText());
        // the network builds and runs: compile and predict two samples of zeros
        model.compile("adam", "mse");
        long[] batch = model.inputShape().withBatch(2);
        INDArray y = model.predict(Nd4j.zeros(DataType.FLOAT, batch));
        assertArrayEquals(model.outputShape().withBatch(2), y.shape());
    }

    @Test
    void mnistMlp_keepsKerasNamesAndShapes() {
        Model model = KerasFixtures.model("mnist_mlp_keras2.0.6.json");
        assertInstanceOf(Sequential.class, model);
        assertEquals(java.util.List.of("dense_1", "dropout_1", "dense_2", "dropout_2", "dense_3"),
                model.layers().stream().map(Layer::name).toList());
        assertEquals(Shape.of(784), model.inputShape());
        assertEquals(Shape.of(10), model.outputShape());
        assertEquals("softmax", ((Dense) model.getLayer("dense_3")).activation().name());
        assertEquals(java.util.List.of("dense_1_input"), model.inputNames());
    }

    @Test
    void keras1Lstm_mapsKeras1KeysAndLegacyHardSigmoid() {
        Model model = KerasFixtures.model("simple_lstm_keras1.2.2.model_config.json");
        LSTM lstm = (LSTM) model.getLayer("lstm_1");
        assertEquals(50, lstm.units());
        assertEquals("legacy_hard_sigmoid", lstm.recurrentActivation().name());
        assertEquals("tanh", lstm.activation().name());
        assertEquals(true, lstm.unitForgetBias());
        assertEquals(0.2, lstm.dropout(), 0.0);
        assertEquals(Shape.of(1, 1), model.inputShape());
        assertEquals(Shape.of(1), model.outputShape());
    }

    @Test
    void simpleRnn_fixedBatchInInputIsAcceptedAndDropped() {
        Model model = KerasFixtures.model("simple_rnn_keras2.1.3.model_config.json");
        assertInstanceOf(SimpleRNN.class, model.getLayer("simple_rnn_1"));
        assertEquals(Shape.of(1, 1), model.inputShape());
    }

    @Test
    void lenetBn_readsBatchNormAxisListAsTheLastAxis() {
        Model model = KerasFixtures.model("lenet_bn_fmnist_tfkeras2.2.4.json");
        assertInstanceOf(BatchNormalization.class, model.getLayer("batch_normalization_12"));
        assertEquals(Shape.of(10), model.outputShape());
    }

    @Test
    void toyResnet_isAFunctionalGraphWithKerasShapes() {
        Model model = KerasFixtures.model("toyresnet_fmnist_tfkeras2.2.4.json");
        assertInstanceOf(Functional.class, model);
        assertEquals("toy_resnet", model.name());
        assertEquals(java.util.List.of("img"), model.inputNames());
        assertEquals(Shape.of(8, 8, 64), model.getLayer("add_8").output().shape());
        assertEquals(Shape.of(64), model.getLayer("global_average_pooling2d_3").output().shape());
        assertEquals(Shape.of(10), model.outputShape());
    }

    @Test
    void keras3Files_keepTheirInputLayerName() {
        Model model = KerasFixtures.model("sami_fmnist_keras3.13.config.json");
        assertEquals(java.util.List.of("input_layer"), model.inputNames());
        assertEquals(Shape.of(3, 3, 128), model.getLayer("conv2d_2").output().shape());
        assertEquals("dense", model.outputNames().get(0));
    }
}
