package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Sequential;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.merging.Concatenate;
import org.junit.jupiter.api.Test;

class KerasLayerOrderTest {

    private static List<String> names(List<Layer> layers) {
        return layers.stream().map(Layer::name).toList();
    }

    @Test
    void sequentialListsItsLayersWithoutTheInput() {
        Sequential model = new Sequential(new Input(4), new Dense(3).withName("a"), new Dense(2).withName("b"));
        assertEquals(List.of("a", "b"), names(KerasLayerOrder.of(model)));
    }

    @Test
    void functionalOrdersByDepthThenByTheFirstVisitFromTheOutputs() {
        // Keras's map_graph: depth from the outputs, ties in the order a depth-first walk from the outputs meets them
        KerasTensor x = Keras.input("x", 4);
        KerasTensor a = new Dense(3).withName("a").apply(x);         // called first
        KerasTensor b = new Dense(3).withName("b").apply(x);
        KerasTensor out = new Concatenate().withName("cat").apply(b, a); // but b is the first input of the merge
        Functional model = new Functional(List.of(x), List.of(out));
        assertEquals(List.of("x", "b", "a", "cat"), names(KerasLayerOrder.of(model)));
    }

    @Test
    void aLayerDeeperOnOnePathTakesItsGreatestDepth() {
        KerasTensor x = Keras.input("x", 4);
        KerasTensor skip = new Dense(4).withName("skip").apply(x);
        KerasTensor d1 = new Dense(4).withName("d1").apply(x);
        KerasTensor d2 = new Dense(4).withName("d2").apply(d1);
        KerasTensor out = new Add().withName("add").apply(skip, d2);
        Functional model = new Functional(List.of(x), List.of(out));
        // depths: add 0; skip, d2 1; d1 2; x 3 (through d1). Ties at 1: skip is met first from the output
        assertEquals(List.of("x", "d1", "skip", "d2", "add"), names(KerasLayerOrder.of(model)));
    }
}
