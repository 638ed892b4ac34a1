package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Model;
import org.keras4j.Shape;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.saving.keras.IncompatibleModelException.Problem;

/** What keras4j refuses in a Keras config: all of it, in one report, before anything is built. */
class CompatibilityReportTest {
    @Test
    void threeProblems_areListedInOneMessage() {
        String json = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 3], "name": "in"}},
                  {"class_name": "Conv2D", "config": {"name": "c", "filters": 2, "kernel_size": [3, 3],
                     "data_format": "channels_first", "activity_regularizer": {"class_name": "L1L2",
                     "config": {"l1": 0.0, "l2": 0.01}}}},
                  {"class_name": "Flatten", "config": {"name": "f"}},
                  {"class_name": "Lambda", "config": {"name": "l", "function": ["4wEAAAAAAA==", null, null]}}]}}""";
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                () -> KerasModelConfig.fromJson(json, "three.json"));
        List<Problem> p = e.problems();
        assertEquals(3, p.size(), e.getMessage());
        assertEquals(new Problem("c", "Conv2D", "data_format", "\"channels_first\"",
                "keras4j computes channels-last only (batch, ..., channels)"), p.get(0));
        assertEquals("activity_regularizer", p.get(1).argument());
        assertEquals("l", p.get(2).layer());
        assertTrue(p.get(2).why().contains("keras4j never executes code from a model file"), p.get(2).why());
        assertTrue(e.getMessage().startsWith("three.json: keras4j cannot build this Keras model as written (3 problems)"),
                e.getMessage());
    }

    @Test
    void customObjectsAndUnknownClasses_areReported() {
        String json = """
                {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
                  {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4],
                     "name": "x"}, "registered_name": null, "name": "x", "inbound_nodes": []},
                  {"module": "my_layers", "class_name": "Scale", "config": {"name": "s"},
                     "registered_name": "my_layers>Scale", "name": "s", "inbound_nodes": [{"args": [{"class_name":
                     "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}}], "kwargs": {}}]},
                  {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "units": 2,
                     "kernel_initializer": {"module": "my_init", "class_name": "MyInit", "config": {},
                     "registered_name": "pkg>MyInit"}}, "registered_name": null, "name": "d",
                     "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config":
                     {"keras_history": ["s", 0, 0]}}], "kwargs": {"training": true}}]},
                  {"module": "keras.layers", "class_name": "LayerNormalization", "config": {"name": "n"},
                     "registered_name": null, "name": "n", "inbound_nodes": [{"args": [{"class_name":
                     "__keras_tensor__", "config": {"keras_history": ["d", 0, 0]}}], "kwargs": {}}]}],
                  "input_layers": ["x", 0, 0], "output_layers": ["n", 0, 0]}}""";
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                () -> KerasModelConfig.fromJson(json, "custom.keras"));
        List<String> where = e.problems().stream().map(p -> p.layer() + ":" + p.argument()).toList();
        assertEquals(List.of("s:null", "d:kernel_initializer", "n:null", "d:inbound_nodes.kwargs.training"), where,
                e.getMessage());
        assertTrue(e.problems().get(2).why().startsWith("keras4j has no layer LayerNormalization"));
    }

    @Test
    void unknownInputSizeAndStatefulWithoutBatch_areReported() {
        String json = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "LSTM", "config": {"name": "lstm", "units": 4, "stateful": true,
                     "batch_input_shape": [null, null, 3]}}]}""";
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                () -> KerasModelConfig.fromJson(json, "lstm.json"));
        assertEquals(List.of("stateful", "batch_shape"), e.problems().stream().map(Problem::argument).toList(),
                e.getMessage());
    }

    @Test
    void harmlessKeysAndDefaults_areAccepted() {
        String json = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "Dense", "config": {"name": "d", "units": 3, "batch_input_shape": [null, 5],
                     "dtype": "float32", "trainable": false, "activity_regularizer": null,
                     "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": 7, "dtype": "float32"}},
                     "kernel_constraint": {"class_name": "MaxNorm", "config": {"max_value": 3, "axis": 0}},
                     "some_future_argument": null}},
                  {"class_name": "Dropout", "config": {"name": "x", "rate": 0.1, "seed": 3, "noise_shape": null}}]}}""";
        Model model = KerasModelConfig.fromJson(json, "ok.json");
        assertEquals(false, model.getLayer("d").isTrainable());
        assertEquals(Shape.of(3), model.outputShape());
    }

    @Test
    void keras1Vocabulary_convolutionsPoolingAndMerge() {
        String json = """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "i", "config": {"batch_input_shape": [null, 6, 6, 1],
                     "input_dtype": "float32", "name": "i"}, "inbound_nodes": []},
                  {"class_name": "Convolution2D", "name": "c1", "config": {"name": "c1", "nb_filter": 2, "nb_row": 3,
                     "nb_col": 3, "border_mode": "same", "subsample": [1, 1], "dim_ordering": "tf", "init": "glorot_uniform",
                     "activation": "relu", "bias": true, "W_regularizer": null, "b_regularizer": null,
                     "activity_regularizer": null, "W_constraint": null, "b_constraint": null},
                     "inbound_nodes": [[["i", 0, 0]]]},
                  {"class_name": "Convolution2D", "name": "c2", "config": {"name": "c2", "nb_filter": 3, "nb_row": 1,
                     "nb_col": 1, "border_mode": "valid", "subsample": [1, 1], "dim_ordering": "tf", "init": "one",
                     "activation": "linear", "bias": false}, "inbound_nodes": [[["i", 0, 0]]]},
                  {"class_name": "Merge", "name": "m1", "config": {"name": "m1", "mode": "concat", "concat_axis": -1,
                     "mode_type": "raw", "output_shape": null, "output_mask": null, "arguments": {}},
                     "inbound_nodes": [[["c1", 0, 0], ["c2", 0, 0]]]}],
                  "input_layers": [["i", 0, 0]], "output_layers": [["m1", 0, 0]]}}""";
        Model model = KerasModelConfig.fromJson(json, "keras1.json");
        assertInstanceOf(Concatenate.class, model.getLayer("m1"));
        Conv2D c2 = (Conv2D) model.getLayer("c2");
        assertEquals(false, c2.useBias());
        assertEquals(Shape.of(6, 6, 5), model.outputShape());
        assertEquals(20 + 3, model.countParams());
    }

    @Test
    void keras1ThDimOrdering_isAProblem() {
        String json = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "MaxPooling2D", "config": {"name": "p", "pool_size": [2, 2], "strides": [2, 2],
                     "border_mode": "valid", "dim_ordering": "th", "batch_input_shape": [null, 1, 8, 8]}}]}""";
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                () -> KerasModelConfig.fromJson(json, "th.json"));
        assertEquals("data_format", e.problems().get(0).argument());
        assertEquals("\"channels_first\"", e.problems().get(0).found());
    }

    @Test
    void subclassedModel_andOversizedOrBadJson_failClearly() {
        IncompatibleModelException sub = assertThrows(IncompatibleModelException.class, () -> KerasModelConfig.build(
                Map.of("class_name", "MyModel", "config", Map.of("name", "mine")), "sub.keras"));
        assertTrue(sub.problems().get(0).why().startsWith("a subclassed model"));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> KerasModelConfig.fromJson(" ".repeat(KerasModelConfig.MAX_JSON_CHARS + 1), "big.json"));
        assertTrue(big.getMessage().contains("more than the " + KerasModelConfig.MAX_JSON_CHARS), big.getMessage());
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> KerasModelConfig.fromJson("[1, 2]", "list.json"));
        assertTrue(notJson.getMessage().startsWith("list.json: the model config is not a JSON object"), notJson.getMessage());
        IllegalArgumentException noLayers = assertThrows(IllegalArgumentException.class,
                () -> KerasModelConfig.fromJson("{\"class_name\": \"Model\", \"config\": {\"name\": \"m\"}}", "m.json"));
        assertEquals("m.json, config: 'layers' must be a list, found nothing (missing or null)", noLayers.getMessage());
    }
}
