package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.activations.Activations;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.GlobalAveragePooling1D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.regularizers.Regularizers;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** keras4j models to Keras 3's config.json, checked against what Keras 3.13 wrote and by reading back. */
class KerasConfigWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keras313File_readAndWrittenAgain_isTheSameConfig() {
        Map<String, Object> file = KerasFixtures.json("sami_fmnist_keras3.13.config.json");
        Model model = KerasModelConfig.build(file, "sami");
        @SuppressWarnings("unchecked")
        Map<String, Object> compile = (Map<String, Object>) file.get("compile_config");
        TrainingConfigs.compile(model, compile, "sami");
        assertEquals(normalized(file), normalized(KerasConfigWriter.modelConfig(model)));
    }

    @Test
    void keras3LegacyH5Config_writtenAsKeras3_readsBackTheSameSummary() {
        Model model = KerasFixtures.model("thiru_fmnist_keras3.10.model_config.json");
        assertRoundTrip(model);
    }

    @Test
    void keras2Graphs_writtenAsKeras3_readBack() {
        for (String file : new String[] {"toyresnet_fmnist_tfkeras2.2.4.json", "concat_keras2.12.0.model_config.json",
                "lenet_bn_fmnist_tfkeras2.2.4.json", "simple_lstm_keras1.2.2.model_config.json".replace("simple_lstm_keras1.2.2",
                "simple_rnn_keras2.1.3"), "issue_9349_keras2.4.0.model_config.json"}) {
            assertRoundTrip(KerasFixtures.model(file));
        }
    }

    @Test
    void multiInputOutputSharedLayers_roundTrip() {
        KerasTensor a = Keras.input("a", 8);
        KerasTensor b = Keras.input("b", 8);
        Dense shared = new Dense(4, "relu");
        KerasTensor sum = new Add().apply(shared.apply(a), shared.apply(b));
        KerasTensor cat = new Concatenate().apply(sum, new Dense(3).withKernelRegularizer(Regularizers.l2(1e-3)).apply(b));
        Model model = new Functional("two_heads", List.of(a, b), List.of(new Dense(1, "sigmoid").apply(cat),
                new Dense(2, "softmax").apply(sum)));
        Map<String, Object> config = assertRoundTrip(model);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) config.get("config");
        assertEquals(List.of(List.of("a", 0, 0), List.of("b", 0, 0)), inner.get("input_layers"));
    }

    @Test
    void recurrentEmbeddingAndBatchNorm_roundTrip() {
        Sequential model = new Sequential("seq", new Input(12), new Embedding(50, 8), new Bidirectional(new LSTM(6)
                .withReturnSequences(true)), new GlobalAveragePooling1D(), new BatchNormalization(), new Dropout(0.3),
                new Dense(3, "softmax"));
        assertRoundTrip(model);
        Sequential conv = new Sequential(new Input(8, 8, 2), new Conv2D(4, new int[] {3, 3}, Activations.get("relu")),
                new Flatten(), new Dense(1));
        assertRoundTrip(conv);
    }

    @Test
    void compiledWriteBuildWrite_isIdentical() {
        Model model = KerasFixtures.model("acas_decr128_keras2.5.0.model_config.json");
        model.compile("rmsprop", "mse", "mae");
        Map<String, Object> once = KerasConfigWriter.modelConfig(model);
        Model again = KerasModelConfig.build(once, "written");
        @SuppressWarnings("unchecked")
        Map<String, Object> compile = (Map<String, Object>) once.get("compile_config");
        TrainingConfigs.compile(again, compile, "written");
        assertEquals(normalized(once), normalized(KerasConfigWriter.modelConfig(again)));
    }

    @Test
    void activationWithoutKeras3Form_isRefusedNamingTheLayer() {
        Sequential model = new Sequential(new Input(4), new Dense(2, Activations.leakyRelu(0.1)).withName("leaky"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KerasConfigWriter.modelConfig(model));
        assertEquals(true, e.getMessage().contains("'leaky'"), e.getMessage());
    }

    /** write -> build -> write is identical, and the rebuilt model has the same summary. */
    private static Map<String, Object> assertRoundTrip(Model model) {
        Map<String, Object> once = KerasConfigWriter.modelConfig(model);
        Model again = KerasModelConfig.build(normalized(once), "written");
        assertEquals(model.summaryText(), again.summaryText());
        assertEquals(normalized(once), normalized(KerasConfigWriter.modelConfig(again)));
        return once;
    }

    /** Through JSON (numbers as Jackson reads them), without Keras's shared_object_id. */
    static Map<String, Object> normalized(Map<String, Object> config) {
        try {
            Map<String, Object> m = JSON.readValue(JSON.writeValueAsString(config), new TypeReference<Map<String, Object>>() { });
            return LayerTranslator.cast((Map<?, ?>) strip(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object strip(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> {
                if (!"shared_object_id".equals(k)) {
                    out.put((String) k, strip(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(strip(x)));
            return out;
        }
        return v;
    }
}
