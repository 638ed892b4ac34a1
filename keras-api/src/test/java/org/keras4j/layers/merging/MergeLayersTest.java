package org.keras4j.layers.merging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The merge layers' output shapes, errors and configs against Keras 3's rules. */
class MergeLayersTest {
    private static final List<Supplier<Merge>> ELEMENTWISE = List.of(Add::new, Subtract::new, Multiply::new,
            Average::new, Maximum::new, Minimum::new);

    private static Shape out(Merge layer, Shape... inputs) {
        return layer.computeOutputShape(List.of(inputs));
    }

    private static String error(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void elementwise_sameShapes_keepTheShape() {
        for (Supplier<Merge> layer : ELEMENTWISE) {
            assertEquals(Shape.of(4, 5), out(layer.get(), Shape.of(4, 5), Shape.of(4, 5)), layer.get().className());
        }
    }

    @Test
    void elementwise_sizeOne_broadcasts() {
        for (Supplier<Merge> layer : ELEMENTWISE) {
            assertEquals(Shape.of(4, 5), out(layer.get(), Shape.of(4, 1), Shape.of(1, 5)));
            assertEquals(Shape.of(4, 5), out(layer.get(), Shape.of(1, 5), Shape.of(4, 5)));
        }
    }

    @Test
    void elementwise_lowerRank_alignsOnTheLastAxis() {
        // Keras expands the lower-rank input at axis 1 (after the batch): (None, 5) acts as (None, 1, 5)
        assertEquals(Shape.of(3, 4, 5), out(new Add(), Shape.of(3, 4, 5), Shape.of(5)));
        assertEquals(Shape.of(3, 4, 5), out(new Multiply(), Shape.of(1), Shape.of(3, 4, 5)));
        assertEquals(Shape.of(2, 4, 5), out(new Maximum(), Shape.of(4, 1), Shape.of(2, 1, 5)));
    }

    @Test
    void elementwise_threeInputs_broadcastTogether() {
        assertEquals(Shape.of(2, 3), out(new Add(), Shape.of(2, 1), Shape.of(3), Shape.of(2, 3)));
        assertEquals(Shape.of(2, 3), out(new Average(), Shape.of(1, 3), Shape.of(2, 1), Shape.of(1)));
    }

    @Test
    void elementwise_incompatibleShapes_throwNamingLayerAndShapes() {
        Add add = new Add();
        add.withName("add_1");
        String message = error(() -> out(add, Shape.of(4, 5), Shape.of(3, 5)));
        assertTrue(message.startsWith("Add 'add_1'"), message);
        assertTrue(message.contains("incompatible shapes"), message);
        assertTrue(message.contains("(None, 3, 5)") && message.contains("(None, 4, 5)"), message);
        String lowerRank = error(() -> out(new Minimum(), Shape.of(4, 5), Shape.of(4)));
        assertTrue(lowerRank.contains("input 1 has shape (None, 4)"), lowerRank);
    }

    @Test
    void merge_oneInput_throws() {
        for (Supplier<Merge> layer : ELEMENTWISE) {
            String message = error(() -> out(layer.get(), Shape.of(4)));
            assertTrue(message.contains(layer.get().className()) && message.contains("got 1"), message);
        }
        assertTrue(error(() -> out(new Concatenate(), Shape.of(4))).contains("at least 2 tensors"));
        assertTrue(error(() -> new Add().computeOutputShape(Shape.of(4))).contains("list of at least 2 tensors"));
    }

    @Test
    void subtractAndDot_threeInputs_throw() {
        String subtract = error(() -> out(new Subtract(), Shape.of(4), Shape.of(4), Shape.of(4)));
        assertTrue(subtract.contains("Subtract") && subtract.contains("exactly 2 tensors, got 3"), subtract);
        String dot = error(() -> out(new Dot(1), Shape.of(4), Shape.of(4), Shape.of(4)));
        assertTrue(dot.contains("Dot") && dot.contains("exactly 2 tensors, got 3"), dot);
    }

    @Test
    void concatenate_defaultAxis_isTheLast() {
        assertEquals(-1, new Concatenate().axis());
        assertEquals(Shape.of(4, 8), out(new Concatenate(), Shape.of(4, 5), Shape.of(4, 3)));
        assertEquals(Shape.of(12), out(new Concatenate(), Shape.of(4), Shape.of(3), Shape.of(5)));
    }

    @Test
    void concatenate_axesCountTheBatch_asKeras() {
        assertEquals(Shape.of(6, 5), out(new Concatenate(1), Shape.of(4, 5), Shape.of(2, 5)));
        assertEquals(Shape.of(6, 5), out(new Concatenate(-2), Shape.of(4, 5), Shape.of(2, 5)));
        assertEquals(Shape.of(2, 7, 3), out(new Concatenate(2), Shape.of(2, 4, 3), Shape.of(2, 3, 3)));
        assertEquals(1, new Concatenate(2).sampleAxis(3));
        assertEquals(2, new Concatenate(-1).sampleAxis(3));
    }

    @Test
    void concatenate_batchAxis_throws() {
        assertTrue(error(() -> new Concatenate(0)).contains("axis must not be 0, the batch axis"));
        String negative = error(() -> out(new Concatenate(-3), Shape.of(4, 5), Shape.of(4, 5)));
        assertTrue(negative.contains("axis -3 is the batch axis"), negative);
    }

    @Test
    void concatenate_axisOutOfRange_throws() {
        String message = error(() -> out(new Concatenate(3), Shape.of(4, 5), Shape.of(4, 5)));
        assertTrue(message.contains("axis 3 is out of range") && message.contains("[1, 2] or [-2, -1]"), message);
        assertTrue(error(() -> out(new Concatenate(-4), Shape.of(4, 5), Shape.of(4, 5))).contains("out of range"));
    }

    @Test
    void concatenate_otherAxisDiffers_throwsWithShapes() {
        String message = error(() -> out(new Concatenate(), Shape.of(4, 5), Shape.of(3, 5)));
        assertTrue(message.startsWith("Concatenate requires inputs with matching shapes except for the concatenation"
                + " axis -1"), message);
        assertTrue(message.contains("[(None, 4, 5), (None, 3, 5)]"), message);
        // no broadcasting: Keras's concatenate needs equal sizes, 1 included
        assertThrows(IllegalArgumentException.class, () -> out(new Concatenate(), Shape.of(1, 5), Shape.of(3, 5)));
    }

    @Test
    void concatenate_differentRanks_throws() {
        String message = error(() -> out(new Concatenate(), Shape.of(4, 5), Shape.of(5)));
        assertTrue(message.contains("same rank"), message);
    }

    @Test
    void dot_vectors_giveOneValue() {
        assertEquals(Shape.of(1), out(new Dot(1), Shape.of(8), Shape.of(8)));
        assertEquals(Shape.of(1), out(new Dot(-1, true), Shape.of(8), Shape.of(8)));
    }

    @Test
    void dot_sequences_keepTheFirstInputsAxesThenTheSeconds() {
        // Keras: (None, 3, 5) . (None, 4, 5) on axes 2 -> (None, 3, 4); on axes (1, 2) of (None, 5, 3), (None, 4, 5)
        assertEquals(Shape.of(3, 4), out(new Dot(2), Shape.of(3, 5), Shape.of(4, 5)));
        assertEquals(Shape.of(3, 4), out(new Dot(-1), Shape.of(3, 5), Shape.of(4, 5)));
        assertEquals(Shape.of(3, 4), out(new Dot(new int[] {1, 2}), Shape.of(5, 3), Shape.of(4, 5)));
        assertEquals(Shape.of(4), out(new Dot(new int[] {1, 1}), Shape.of(3), Shape.of(3, 4)));
        // keras test_dot_higher_dim: (1, 3, 2) and (1, 1, 2, 3) with axes (-2, -1) -> (1, 2, 1, 2)
        assertEquals(Shape.of(2, 1, 2), out(new Dot(new int[] {-2, -1}), Shape.of(3, 2), Shape.of(1, 2, 3)));
        assertArrayEquals(new int[] {0, 2}, new Dot(new int[] {-2, -1}).sampleAxes(Shape.of(3, 2), Shape.of(1, 2, 3)));
    }

    @Test
    void dot_axisSizesDiffer_throwsWithBothValues() {
        Dot dot = new Dot(1);
        dot.withName("similarity");
        String message = error(() -> out(dot, Shape.of(3), Shape.of(4)));
        assertTrue(message.startsWith("Dot 'similarity' got incompatible input shapes: axis values 3 (at axis 1 of"
                + " input 0) != 4 (at axis 1 of input 1)"), message);
        assertTrue(message.contains("(None, 3) and (None, 4)"), message);
    }

    @Test
    void dot_badAxes_throw() {
        assertTrue(error(() -> new Dot(0)).contains("must not include 0, the batch axis"));
        assertTrue(error(() -> new Dot(new int[] {1, 0})).contains("batch axis"));
        String pair = error(() -> new Dot(new int[] {1, 2, 3}));
        assertTrue(pair.contains("pair of integers") && pair.contains("got [1, 2, 3]"), pair);
        String range = error(() -> out(new Dot(3), Shape.of(4), Shape.of(4)));
        assertTrue(range.contains("axis 3 is out of range for input 0 of shape (None, 4)"), range);
        assertTrue(error(() -> out(new Dot(-3), Shape.of(4), Shape.of(4))).contains("out of range"));
        String batch = error(() -> out(new Dot(new int[] {1, -3}), Shape.of(4), Shape.of(2, 4)));
        assertTrue(batch.contains("axis -3 is the batch axis of input 1"), batch);
    }

    @Test
    void apply_onKerasTensors_recordsTheMergedShape() {
        KerasTensor a = Keras.input(4, 5);
        KerasTensor b = Keras.input(5);
        assertEquals(Shape.of(4, 5), new Add().apply(a, b).shape());
        assertEquals(Shape.of(4, 10), new Concatenate().apply(a, a).shape());
        assertEquals(Shape.of(4, 4), new Dot(2).apply(a, a).shape());
        assertThrows(IllegalArgumentException.class, () -> new Concatenate().apply(a, b));
    }

    @Test
    void configs_roundTripThroughJsonAndLayers() throws Exception {
        assertRoundTrip(new Add(), "Add", Map.of());
        assertRoundTrip(new Subtract(), "Subtract", Map.of());
        assertRoundTrip(new Multiply(), "Multiply", Map.of());
        assertRoundTrip(new Average(), "Average", Map.of());
        assertRoundTrip(new Maximum(), "Maximum", Map.of());
        assertRoundTrip(new Minimum(), "Minimum", Map.of());
        assertRoundTrip(new Concatenate(1), "Concatenate", Map.of("axis", 1));
        assertRoundTrip(new Dot(-1, true), "Dot", Map.of("axes", -1, "normalize", true));
        assertRoundTrip(new Dot(new int[] {1, 2}), "Dot", Map.of("axes", List.of(1, 2), "normalize", false));
    }

    @Test
    void fromConfig_kerasDefaults() {
        assertEquals(-1, ((Concatenate) Layers.fromConfig("Concatenate", Map.of())).axis());
        Dot dot = (Dot) Layers.fromConfig("Dot", Map.of("axes", List.of(2, 1)));
        assertArrayEquals(new int[] {2, 1}, dot.axes());
        assertEquals(false, dot.normalize());
        assertTrue(error(() -> Layers.fromConfig("Dot", Map.of())).contains("'axes' must be"));
    }

    private static void assertRoundTrip(Layer layer, String className, Map<String, Object> expectedConfig)
            throws Exception {
        layer.withName("merge_7");
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> saved = json.readValue(json.writeValueAsString(layer.getConfig()), new TypeReference<>() {
        });
        Map<String, Object> expected = new java.util.LinkedHashMap<>(expectedConfig);
        expected.put("name", "merge_7");
        assertEquals(expected, saved);
        Layer rebuilt = Layers.fromConfig(className, saved);
        assertInstanceOf(layer.getClass(), rebuilt);
        assertEquals(layer.getConfig(), rebuilt.getConfig());
        assertEquals(className, rebuilt.className());
    }
}
