package org.keras4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;

/** Output shapes, parameter counts, names and configs are Keras 3's for the same wrapper and input. */
class BidirectionalTest {

    @Test
    void lstmSequencesConcat_matchesKeras() {
        // Keras: LSTM(8) on 3 features has 4 * (8 * (3 + 8) + 8) = 384 parameters; both directions 768
        LayerContract.check(() -> new Bidirectional(new LSTM(8).withReturnSequences(true)), Shape.of(5, 3),
                Shape.of(5, 16), 768);
    }

    @Test
    void simpleRnnLastStepSum_matchesKeras() {
        // Keras: SimpleRNN(4) on 2 features: 4 * (2 + 4) + 4 = 28; both directions 56
        LayerContract.check(() -> new Bidirectional(new SimpleRNN(4), "sum"), Shape.of(6, 2), Shape.of(4), 56);
    }

    @Test
    void lstmLastStepAve_matchesKeras() {
        // 2 * 4 * (3 * (2 + 3) + 3) = 144
        LayerContract.check(() -> new Bidirectional(new LSTM(3), "ave"), Shape.of(7, 2), Shape.of(3), 144);
    }

    @Test
    void simpleRnnSequencesMul_matchesKeras() {
        // 2 * (5 * (3 + 5) + 5) = 90
        LayerContract.check(() -> new Bidirectional(new SimpleRNN(5).withReturnSequences(true), "mul"), Shape.of(4, 3),
                Shape.of(4, 5), 90);
    }

    @Test
    void backwardLayerWithItsOwnActivation_countsBothLayers() {
        Bidirectional b = new Bidirectional(new LSTM(4), "concat", new LSTM(4, "relu").withGoBackwards(true));
        assertEquals(2 * 4 * (4 * (3 + 4) + 4), b.countParams(Shape.of(6, 3)));
        assertEquals("relu", b.backwardLayer().activation().name());
        assertEquals("tanh", b.forwardLayer().activation().name());
    }

    @Test
    void defaultMergeMode_isConcat() {
        assertEquals("concat", new Bidirectional(new LSTM(4)).mergeMode());
        assertEquals(Shape.of(8), new Bidirectional(new LSTM(4)).computeOutputShape(Shape.of(3, 2)));
    }

    @Test
    void names_areKerasForwardAndBackwardPrefixes() {
        Bidirectional unnamed = new Bidirectional(new LSTM(4));
        assertEquals("forward_lstm", unnamed.forwardLayer().name());
        assertEquals("backward_lstm", unnamed.backwardLayer().name());
        Bidirectional named = new Bidirectional(new SimpleRNN(4).withName("encoder"));
        assertEquals("forward_encoder", named.forwardLayer().name());
        assertEquals("backward_encoder", named.backwardLayer().name());
        // Keras strips a prefix already there: removeprefix(name, "forward_")
        assertEquals("forward_x", new Bidirectional(new LSTM(4).withName("forward_x")).forwardLayer().name());
        assertEquals("forward_simple_rnn", new Bidirectional(new SimpleRNN(2)).forwardLayer().name());
    }

    @Test
    void givenBackwardLayer_keepsItsName() {
        Bidirectional b = new Bidirectional(new LSTM(4), "sum", new LSTM(4).withGoBackwards(true).withName("reader"));
        assertEquals("reader", b.backwardLayer().name());
        assertEquals("backward_lstm", new Bidirectional(new LSTM(4), "sum", new LSTM(4).withGoBackwards(true)).backwardLayer().name());
    }

    @Test
    void wrappedLayer_isCopiedNotShared() {
        LSTM lstm = new LSTM(4).withReturnSequences(true).withUnitForgetBias(false);
        Bidirectional b = new Bidirectional(lstm);
        assertNotSame(lstm, b.forwardLayer());
        assertNotSame(lstm, b.backwardLayer());
        Map<String, Object> original = new LinkedHashMap<>(lstm.getConfig());
        Map<String, Object> copy = new LinkedHashMap<>(b.backwardLayer().getConfig());
        original.remove("name");
        copy.remove("name");
        assertEquals(original, copy);
        assertTrue(b.returnSequences());
    }

    @Test
    @SuppressWarnings("unchecked")
    void getConfig_hasKerasKeysAndBackwardLayerGoesBackwards() {
        Map<String, Object> cfg = new Bidirectional(new LSTM(4), "mul").withName("bi").getConfig();
        assertEquals(List.of("name", "merge_mode", "layer", "backward_layer"), List.copyOf(cfg.keySet()));
        assertEquals("mul", cfg.get("merge_mode"));
        Map<String, Object> layer = (Map<String, Object>) cfg.get("layer");
        assertEquals("LSTM", layer.get("class_name"));
        assertEquals("forward_lstm", ((Map<String, Object>) layer.get("config")).get("name"));
        assertFalse(Boolean.TRUE.equals(((Map<String, Object>) layer.get("config")).get("go_backwards")));
        Map<String, Object> backward = (Map<String, Object>) ((Map<String, Object>) cfg.get("backward_layer")).get("config");
        assertEquals("backward_lstm", backward.get("name"));
        assertEquals(true, backward.get("go_backwards"));
    }

    @Test
    void fromConfig_asKerasWritesIt_rebuildsTheWrapper() {
        // Keras 3's get_config of Bidirectional(LSTM(10, return_sequences=True), merge_mode="sum",
        // backward_layer=LSTM(10, activation="relu", return_sequences=True, go_backwards=True))
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", "bidirectional");
        cfg.put("trainable", true);
        cfg.put("merge_mode", "sum");
        cfg.put("layer", kerasLstm("forward_lstm", "tanh", false));
        cfg.put("backward_layer", kerasLstm("backward_lstm_1", "relu", true));
        Bidirectional b = (Bidirectional) Layers.fromConfig("Bidirectional", cfg);
        assertEquals("bidirectional", b.name());
        assertEquals("sum", b.mergeMode());
        assertEquals("forward_lstm", b.forwardLayer().name());
        assertEquals("backward_lstm_1", b.backwardLayer().name());
        assertEquals("relu", b.backwardLayer().activation().name());
        assertEquals(10, b.backwardLayer().units());
        assertTrue(b.returnSequences());
        assertEquals(Shape.of(5, 10), b.computeOutputShape(Shape.of(5, 3)));
    }

    @Test
    void fromConfig_withoutBackwardLayer_copiesTheLayer() {
        Bidirectional b = Bidirectional.fromConfig(Map.of("layer", kerasLstm("lstm", "tanh", false)));
        assertEquals("concat", b.mergeMode());
        assertEquals("forward_lstm", b.forwardLayer().name());
        assertEquals("backward_lstm", b.backwardLayer().name());
    }

    @Test
    void mergeModeNone_givesTwoOutputsOfTheWrappedLayersShape() {
        Bidirectional b = new Bidirectional(new LSTM(4).withReturnSequences(true), null);
        assertEquals(List.of(Shape.of(7, 4), Shape.of(7, 4)), b.computeOutputShapes(List.of(Shape.of(7, 3))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.apply(Keras.input(7, 3)));
        assertTrue(e.getMessage().contains("applyAll"), e.getMessage());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("merge_mode", null);
        cfg.put("layer", kerasLstm("lstm", "tanh", false));
        assertEquals(null, Bidirectional.fromConfig(cfg).mergeMode());
    }

    @Test
    void mergeModeUnknown_throwsWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(4), "average"));
        assertEquals("Bidirectional: mergeMode must be one of [concat, sum, mul, ave], got 'average'", e.getMessage());
    }

    @Test
    void differentReturnSequences_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(4).withReturnSequences(true), "concat",
                        new LSTM(4).withGoBackwards(true)));
        assertEquals("Bidirectional: the forward and backward layers must have the same returnSequences, got true for"
                + " the forward layer and false for the backward layer", e.getMessage());
    }

    @Test
    void goBackwardsInConfig_mustBeFalseForTheLayerAndTrueForTheBackwardLayer() {
        IllegalArgumentException forward = assertThrows(IllegalArgumentException.class,
                () -> Bidirectional.fromConfig(Map.of("layer", kerasLstm("lstm", "tanh", true))));
        assertEquals("Bidirectional: 'layer' must have go_backwards=false, got true", forward.getMessage());
        IllegalArgumentException backward = assertThrows(IllegalArgumentException.class, () -> Bidirectional.fromConfig(
                Map.of("layer", kerasLstm("lstm", "tanh", false), "backward_layer", kerasLstm("b", "tanh", false))));
        assertEquals("Bidirectional: 'backward_layer' must have go_backwards=true, got false", backward.getMessage());
    }

    @Test
    void nonRecurrentLayerInConfig_throws() {
        Map<String, Object> dense = Map.of("class_name", "Dense", "config", Map.of("units", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bidirectional.fromConfig(Map.of("layer", dense)));
        assertEquals("Bidirectional: 'layer' must be a recurrent layer (LSTM, SimpleRNN), got Dense", e.getMessage());
    }

    @Test
    void missingLayerInConfig_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bidirectional.fromConfig(Map.of("merge_mode", "sum")));
        assertTrue(e.getMessage().contains("'layer' must be an object"), e.getMessage());
    }

    @Test
    void nullLayer_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(null));
        assertEquals("Bidirectional: layer must be a recurrent layer (LSTM, SimpleRNN), got null", e.getMessage());
    }

    @Test
    void vectorInput_throwsNamingTheWrapper() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(4)).withName("bi").computeOutputShape(Shape.of(20)));
        assertEquals("Bidirectional 'bi' expects input of rank 2, got shape (None, 20): expected (timesteps, features)",
                e.getMessage());
    }

    /** An LSTM(10, return_sequences=True) as Keras 3 serializes it, activations in keras4j's nested form. */
    private static Map<String, Object> kerasLstm(String name, String activation, boolean goBackwards) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", true);
        config.put("return_sequences", true);
        config.put("return_state", false);
        config.put("go_backwards", goBackwards);
        config.put("stateful", false);
        config.put("unroll", false);
        config.put("zero_output_for_mask", true);
        config.put("units", 10);
        config.put("activation", Map.of("class_name", activation, "config", Map.of()));
        config.put("recurrent_activation", Map.of("class_name", "sigmoid", "config", Map.of()));
        config.put("use_bias", true);
        config.put("unit_forget_bias", true);
        config.put("dropout", 0.0);
        config.put("recurrent_dropout", 0.0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.layers");
        out.put("class_name", "LSTM");
        out.put("config", config);
        out.put("registered_name", null);
        return out;
    }
}
