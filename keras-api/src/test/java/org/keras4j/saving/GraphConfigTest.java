package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class GraphConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZipEntries ZIP = new ZipEntries("model file", "keras4j model file");

    @TempDir
    Path dir;

    /** Two inputs through one shared Dense, then a head on each: the shared layer has two calls. */
    private static Map<String, Object> sharedGraph() {
        KerasTensor a = Keras.input("left", 3);
        KerasTensor b = Keras.input("right", 3);
        Dense shared = (Dense) new Dense(4, "relu").withName("shared");
        KerasTensor sa = shared.apply(a);
        KerasTensor sb = shared.apply(b);
        Layer head = new Dense(1).withName("head");
        return GraphConfig.write("siamese", List.of(a, b), List.of(head.apply(sa), head.apply(sb)));
    }

    @Test
    void write_isKerasFunctionalConfig_withOneInboundNodePerCall() throws IOException {
        Map<String, Object> config = viaJson(sharedGraph());
        assertEquals("siamese", config.get("name"));
        List<Map<String, Object>> layers = list(config.get("layers"));
        assertEquals(List.of("left", "right", "shared", "head"), layers.stream().map(l -> l.get("name")).toList());
        assertEquals("InputLayer", layers.get(0).get("class_name"));
        assertEquals(List.of(), layers.get(0).get("inbound_nodes"));
        List<Map<String, Object>> calls = list(layers.get(2).get("inbound_nodes"));
        assertEquals(2, calls.size());
        assertEquals(Map.of("class_name", "__keras_tensor__", "config", Map.of("shape", java.util.Arrays.asList(null, 3),
                "dtype", "float32", "keras_history", List.of("right", 0, 0))), list(calls.get(1).get("args")).get(0));
        assertEquals(Map.of(), calls.get(1).get("kwargs"));
        assertEquals(List.of(List.of("left", 0, 0), List.of("right", 0, 0)), config.get("input_layers"));
        assertEquals(List.of(List.of("head", 0, 0), List.of("head", 1, 0)), config.get("output_layers"));
    }

    @Test
    void read_callsTheLayersAsSaved_andWritesTheSameConfigAgain() throws IOException {
        Map<String, Object> config = viaJson(sharedGraph());
        GraphConfig.Graph graph = read(config);
        assertEquals("siamese", graph.name());
        assertEquals(2, graph.inputs().size());
        Layer shared = graph.outputs().get(0).node().inbound().get(0).layer();
        assertEquals("shared", shared.name());
        assertEquals(2, shared.nodes().size());
        assertSame(shared, graph.outputs().get(1).node().inbound().get(0).layer());
        assertEquals(config, viaJson(GraphConfig.write(graph.name(), graph.inputs(), graph.outputs())));
    }

    @Test
    void read_layersInAnyOrder_waitsForTheirInputs() throws IOException {
        Map<String, Object> config = viaJson(sharedGraph());
        List<Map<String, Object>> layers = list(config.get("layers"));
        java.util.Collections.reverse(layers);
        GraphConfig.Graph graph = read(config);
        assertEquals("head", graph.outputs().get(1).layer().name());
    }

    @Test
    void read_cycle_failsNamingTheLayerAndCall() throws IOException {
        Map<String, Object> config = edited(c -> history(c, 2, 0).set(0, "head"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(config));
        assertTrue(e.getMessage().contains("model.config.layers[2] ('shared').inbound_nodes[0]: it is called on the output"
                + " of a call that no layer makes"), e.getMessage());
    }

    @Test
    void read_unknownLayerInHistory_namesItAndTheKnownOnes() throws IOException {
        Map<String, Object> config = edited(c -> history(c, 3, 1).set(0, "nowhere"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(config));
        assertTrue(e.getMessage().contains("'keras_history' must be the name of a layer in 'layers' [left, right, shared,"
                + " head], found string \"nowhere\""), e.getMessage());
    }

    @Test
    void read_callOnTensorsThatDoNotFit_namesTheCallAndTheLayersError() throws IOException {
        Map<String, Object> config = edited(c -> {
            Map<String, Object> head = list(c.get("layers")).get(3);
            head.put("class_name", "Reshape");
            head.put("config", Map.of("name", "head", "target_shape", List.of(3)));
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(config));
        assertTrue(e.getMessage().contains("model.config.layers[3] ('head').inbound_nodes[0]: Reshape 'head' cannot"
                + " reshape input"), e.getMessage());
    }

    @Test
    void read_duplicateLayerName_failsNamingIt() throws IOException {
        Map<String, Object> config = edited(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> head = list(c.get("layers")).get(3);
            head.put("name", "shared");
            ((Map<String, Object>) head.get("config")).put("name", "shared");
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(config));
        assertTrue(e.getMessage().contains("a second layer named 'shared'"), e.getMessage());
    }

    // ---- helpers ----

    private GraphConfig.Graph read(Map<String, Object> config) throws IOException {
        Path file = dir.resolve("graph.keras4j");
        ZIP.write(file, Map.of("keras4j.json", JSON.writeValueAsBytes(config)));
        try (ArchiveReader zip = ZIP.open(file)) {
            return GraphConfig.read(zip, config, "model.config");
        }
    }

    private static Map<String, Object> edited(Consumer<Map<String, Object>> edit) throws IOException {
        Map<String, Object> config = viaJson(sharedGraph());
        edit.accept(config);
        return config;
    }

    /** The keras_history of the first tensor of call {@code call} of layer {@code layer}. */
    @SuppressWarnings("unchecked")
    private static List<Object> history(Map<String, Object> config, int layer, int call) {
        Map<String, Object> node = list(list(config.get("layers")).get(layer).get("inbound_nodes")).get(call);
        Map<String, Object> tensor = (Map<String, Object>) ((List<Object>) node.get("args")).get(0);
        return (List<Object>) ((Map<String, Object>) tensor.get("config")).get("keras_history");
    }

    private static Map<String, Object> viaJson(Map<String, Object> config) throws IOException {
        return JSON.readValue(JSON.writeValueAsBytes(config), new TypeReference<Map<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
