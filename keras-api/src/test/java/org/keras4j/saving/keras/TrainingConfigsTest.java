package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Model;
import org.keras4j.losses.CategoricalCrossentropy;
import org.keras4j.losses.MeanSquaredError;
import org.keras4j.losses.SparseCategoricalCrossentropy;
import org.keras4j.metrics.CategoricalAccuracy;
import org.keras4j.metrics.SparseCategoricalAccuracy;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.RMSprop;

/** Training and compile configs of the real fixtures, and what keras4j refuses. */
class TrainingConfigsTest {
    @Test
    void keras1Rmsprop_lrRhoEpsilonKeptAsWritten() {
        Model model = compiled("simple_lstm_keras1.2.2");
        RMSprop rmsprop = assertInstanceOf(RMSprop.class, model.optimizer());
        assertEquals(0.0010000000474974513, rmsprop.getLearningRate(), 0.0);
        assertEquals(0.8999999761581421, rmsprop.rho(), 0.0);
        assertEquals(1e-8, rmsprop.epsilon(), 0.0);
        assertInstanceOf(MeanSquaredError.class, model.loss());
        assertTrue(model.metrics().isEmpty());
    }

    @Test
    void keras2Adam_withLr() {
        Model model = compiled("cnn_batch_norm_keras2.1.3");
        Adam adam = assertInstanceOf(Adam.class, model.optimizer());
        assertEquals(0.0010000000474974513, adam.getLearningRate(), 0.0);
        assertEquals(0.9990000128746033, adam.beta2(), 0.0);
        assertEquals(1e-7, adam.epsilon(), 0.0);
    }

    @Test
    void tfKeras24_metricWrappers_keepTheirLoggedNames() {
        Model model = compiled("issue_9349_keras2.4.0");
        assertEquals(0.0011449999874457717, model.optimizer().getLearningRate(), 0.0);
        assertInstanceOf(CategoricalCrossentropy.class, model.loss());
        assertEquals(List.of("loss", "accuracy", "categorical_accuracy"), model.metricsNames());
        assertInstanceOf(CategoricalAccuracy.class, model.metrics().get(0));
    }

    @Test
    void keras3LegacyH5_lossObjectAndAccuracy() {
        Model model = compiled("thiru_fmnist_keras3.10");
        SparseCategoricalCrossentropy loss = assertInstanceOf(SparseCategoricalCrossentropy.class, model.loss());
        assertFalse(loss.fromLogits());
        assertInstanceOf(SparseCategoricalAccuracy.class, model.metrics().get(0));
        assertEquals(List.of("loss", "accuracy"), model.metricsNames());
    }

    @Test
    void keras3CompileConfig_compilesAndWritesBackTheSame() {
        Map<String, Object> file = KerasFixtures.json("sami_fmnist_keras3.13.config.json");
        Model model = KerasModelConfig.build(file, "sami");
        @SuppressWarnings("unchecked")
        Map<String, Object> compile = (Map<String, Object>) file.get("compile_config");
        TrainingConfigs.compile(model, compile, "sami");
        assertEquals(compile, TrainingConfigs.compileConfig(model));
    }

    @Test
    void fromLogits_isKeptAndWrittenAsLossObject() {
        Model model = KerasFixtures.model("lenet_fmnist_tfkeras2.2.4.json");
        TrainingConfigs.compile(model, Map.of("optimizer", "adam", "loss", Map.of("class_name",
                "SparseCategoricalCrossentropy", "config", Map.of("from_logits", true, "reduction", "auto")),
                "metrics", List.of("acc")), "lenet");
        assertTrue(model.loss().fromLogits());
        assertEquals(List.of("loss", "acc"), model.metricsNames());
        @SuppressWarnings("unchecked")
        Map<String, Object> loss = (Map<String, Object>) TrainingConfigs.compileConfig(model).get("loss");
        assertEquals("SparseCategoricalCrossentropy", loss.get("class_name"));
        assertEquals(true, ((Map<?, ?>) loss.get("config")).get("from_logits"));
    }

    @Test
    void unsupportedSettings_areAllListedBeforeCompiling() {
        Model model = KerasFixtures.model("acas_decr128_keras2.5.0.model_config.json");
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class, () -> TrainingConfigs.compile(model,
                Map.of("optimizer_config", Map.of("class_name", "Adam", "config", Map.of("lr", 0.01, "decay", 0.1)),
                        "loss", Map.of("class_name", "MyLoss", "module", "my_package", "registered_name", "pkg>MyLoss",
                                "config", Map.of()),
                        "metrics", List.of("accuracy"), "sample_weight_mode", "temporal"), "acas"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertFalse(model.isCompiled());
    }

    private static Model compiled(String prefix) {
        Model model = KerasFixtures.model(prefix + ".model_config.json");
        TrainingConfigs.compile(model, KerasFixtures.json(prefix + ".training_config.json"), prefix);
        return model;
    }
}
