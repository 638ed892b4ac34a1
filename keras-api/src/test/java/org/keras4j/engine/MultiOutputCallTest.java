package org.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Concatenate;

/** Layer calls that produce several tensors, as a recurrent layer with {@code returnState} does. */
class MultiOutputCallTest {

    @Test
    void applyAll_returnsOneTensorPerOutputWithItsIndex() {
        KerasTensor in = Keras.input(8);
        TwoOutputLayer halves = new TwoOutputLayer();
        List<KerasTensor> out = halves.applyAll(in);
        assertEquals(2, out.size());
        assertEquals(Shape.of(4), out.get(1).shape());
        assertEquals(0, out.get(0).index());
        assertEquals(1, out.get(1).index());
        assertSame(out.get(0).node(), out.get(1).node());
        assertEquals(out, halves.nodes().get(0).outputs());
    }

    @Test
    void apply_onAMultiOutputLayer_throwsNamingApplyAll() {
        TwoOutputLayer halves = new TwoOutputLayer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> halves.apply(Keras.input(8)));
        assertTrue(e.getMessage().contains("returns 2 tensors") && e.getMessage().contains("applyAll"), e.getMessage());
        assertTrue(halves.nodes().isEmpty(), "a refused call leaves no node behind");
    }

    @Test
    void nodeOutput_ofAMultiOutputCall_throwsNamingOutputs() {
        List<KerasTensor> out = new TwoOutputLayer().applyAll(Keras.input(8));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.get(0).node().output());
        assertTrue(e.getMessage().contains("outputs()"), e.getMessage());
    }

    @Test
    void summary_connectsToTheTensorIndexAndListsEveryOutputShape() {
        KerasTensor in = Keras.input(8);
        List<KerasTensor> halves = new TwoOutputLayer().withName("halves").applyAll(in);
        KerasTensor second = new Dense(3).withName("second").apply(halves.get(1));
        KerasTensor joined = new Concatenate().apply(halves.get(0), second);
        Functional model = new Functional(in, joined);
        String text = model.summaryText();
        assertTrue(text.contains("[(None, 4), (None, 4)]"), text);
        assertTrue(text.contains("halves[0][1]"), text);
        assertTrue(text.contains("halves[0][0]"), text);
    }

    @Test
    void modelApply_inlinesEveryOutputOfAMultiOutputCall() {
        KerasTensor in = Keras.input(8);
        List<KerasTensor> halves = new TwoOutputLayer().applyAll(in);
        Functional inner = new Functional(in, new Concatenate().apply(halves.get(1), halves.get(0)));
        KerasTensor x = Keras.input(8);
        KerasTensor y = inner.apply(x);
        assertEquals(Shape.of(8), y.shape());
    }

    @Test
    void sequential_refusesALayerWithSeveralOutputs() {
        Sequential model = new Sequential(new Input(8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.add(new TwoOutputLayer()));
        assertTrue(e.getMessage().contains("single output tensor"), e.getMessage());
        assertEquals(0, model.layers().stream().filter(l -> l instanceof TwoOutputLayer).count());
    }
}
