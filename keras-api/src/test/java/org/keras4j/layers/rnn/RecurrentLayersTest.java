package org.keras4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;
import org.keras4j.regularizers.Regularizers;

/** Output shapes, parameter counts and configs are Keras 3's for the same layer and input. */
class RecurrentLayersTest {

    @Test
    void lstm_w3Shape_matchesKeras() {
        // Keras: LSTM(128) on (50, 64): 4 * (128 * (64 + 128) + 128) = 98,816
        LayerContract.check(() -> new LSTM(128), Shape.of(50, 64), Shape.of(128), 98_816);
    }

    @Test
    void lstm_returnSequences_matchesKeras() {
        LayerContract.check(() -> new LSTM(8).withReturnSequences(true), Shape.of(5, 3), Shape.of(5, 8), 384);
    }

    @Test
    void simpleRnn_lastStepAndSequences_matchKeras() {
        LayerContract.check(() -> new SimpleRNN(16), Shape.of(10, 4), Shape.of(16), 336);
        LayerContract.check(() -> new SimpleRNN(4, "relu").withReturnSequences(true), Shape.of(6, 2), Shape.of(6, 4), 28);
    }

    @Test
    void lstm_defaults_areKeras() {
        Map<String, Object> cfg = new LSTM(32).getConfig();
        assertEquals("tanh", name(cfg.get("activation")));
        assertEquals("sigmoid", name(cfg.get("recurrent_activation")));
        assertEquals(true, cfg.get("use_bias"));
        assertEquals("glorot_uniform", name(cfg.get("kernel_initializer")));
        assertEquals("orthogonal", name(cfg.get("recurrent_initializer")));
        assertEquals("zeros", name(cfg.get("bias_initializer")));
        assertEquals(true, cfg.get("unit_forget_bias"));
        assertEquals(0.0, cfg.get("dropout"));
        assertEquals(0.0, cfg.get("recurrent_dropout"));
        assertEquals(false, cfg.get("return_sequences"));
        assertEquals(null, cfg.get("kernel_regularizer"));
    }

    @Test
    void simpleRnn_defaults_areKeras() {
        SimpleRNN r = new SimpleRNN(8);
        assertEquals("tanh", r.activation().name());
        assertEquals("glorot_uniform", r.kernelInitializer().identifier());
        assertEquals("orthogonal", r.recurrentInitializer().identifier());
        assertFalse(r.returnSequences());
        assertFalse(r.getConfig().containsKey("recurrent_activation"));
    }

    @Test
    void lstm_kerasConfig_rebuildsTheSameLayer() {
        // as Keras 3 writes it, with the entries keras4j does not store
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", "lstm_1");
        cfg.put("units", 16);
        cfg.put("activation", "relu");
        cfg.put("recurrent_activation", "hard_sigmoid");
        cfg.put("unit_forget_bias", false);
        cfg.put("return_sequences", true);
        cfg.put("return_state", false);
        cfg.put("go_backwards", false);
        cfg.put("stateful", false);
        cfg.put("unroll", false);
        cfg.put("kernel_regularizer", Map.of("class_name", "L2", "config", Map.of("l2", 0.01)));
        LSTM l = (LSTM) Layers.fromConfig("LSTM", normalizeActivations(cfg));
        assertEquals("lstm_1", l.name());
        assertEquals(16, l.units());
        assertEquals("relu", l.activation().name());
        assertEquals("hard_sigmoid", l.recurrentActivation().name());
        assertFalse(l.unitForgetBias());
        assertTrue(l.returnSequences());
        assertEquals(Regularizers.l2(0.01), l.kernelRegularizer());
    }

    @Test
    void lstm_goBackwardsStatefulReturnState_kerasConfig_roundTrip() {
        Map<String, Object> cfg = new LinkedHashMap<>(Map.of("units", 4, "go_backwards", true, "stateful", true,
                "return_state", true, "zero_output_for_mask", true, "unroll", false));
        LSTM l = (LSTM) Layers.fromConfig("LSTM", cfg);
        assertTrue(l.goBackwards() && l.stateful() && l.returnState() && l.zeroOutputForMask());
        Map<String, Object> saved = l.getConfig();
        for (String key : new String[] {"go_backwards", "stateful", "return_state", "zero_output_for_mask"}) {
            assertEquals(true, saved.get(key), key);
        }
        assertEquals(false, new SimpleRNN(3).getConfig().get("go_backwards"));
        assertEquals(2, l.stateCount());
        assertEquals(1, new GRU(3).stateCount());
    }

    @Test
    void gru_w3ShapeAndKerasDocsExample_matchKerasCounts() {
        // Keras: GRU(256) on 64-dim embeddings: 3 * (256 * (64 + 256) + 2 * 256) = 247,296 with reset_after
        assertEquals(247_296, new GRU(256).countParams(Shape.of(50, 64)));
        // reset_after=False: 3 * (256 * (64 + 256) + 256) = 246,528; no bias: 3 * 256 * 320 = 245,760
        assertEquals(246_528, new GRU(256).withResetAfter(false).countParams(Shape.of(50, 64)));
        assertEquals(245_760, new GRU(256).withUseBias(false).countParams(Shape.of(50, 64)));
        // GRU(128) on (50, 64): 3 * (128 * 192 + 256) = 74,496
        LayerContract.check(() -> new GRU(128), Shape.of(50, 64), Shape.of(128), 74_496);
    }

    @Test
    void gru_returnSequencesAndResetBefore_matchKeras() {
        // 3 * (8 * (3 + 8) + 2 * 8) = 312; without reset_after 3 * (8 * 11 + 8) = 288
        LayerContract.check(() -> new GRU(8).withReturnSequences(true), Shape.of(5, 3), Shape.of(5, 8), 312);
        LayerContract.check(() -> new GRU(8).withResetAfter(false).withGoBackwards(true), Shape.of(5, 3), Shape.of(8),
                288);
    }

    @Test
    void gru_defaults_areKeras() {
        Map<String, Object> cfg = new GRU(32).getConfig();
        assertEquals("tanh", name(cfg.get("activation")));
        assertEquals("sigmoid", name(cfg.get("recurrent_activation")));
        assertEquals(true, cfg.get("use_bias"));
        assertEquals("glorot_uniform", name(cfg.get("kernel_initializer")));
        assertEquals("orthogonal", name(cfg.get("recurrent_initializer")));
        assertEquals("zeros", name(cfg.get("bias_initializer")));
        assertEquals(0.0, cfg.get("dropout"));
        assertEquals(0.0, cfg.get("recurrent_dropout"));
        assertEquals(false, cfg.get("return_sequences"));
        assertEquals(true, cfg.get("reset_after"));
        assertArrayEquals(new long[] {64, 96}, new GRU(32).kernelShape(64));
        assertArrayEquals(new long[] {32, 96}, new GRU(32).recurrentKernelShape());
        assertArrayEquals(new long[] {2, 96}, new GRU(32).biasShape());
        assertArrayEquals(new long[] {96}, new GRU(32).withResetAfter(false).biasShape());
    }

    @Test
    void gru_kerasConfig_rebuildsTheSameLayer() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", "gru_1");
        cfg.put("units", 16);
        cfg.put("activation", "relu");
        cfg.put("recurrent_activation", "hard_sigmoid");
        cfg.put("reset_after", false);
        cfg.put("return_sequences", true);
        cfg.put("go_backwards", true);
        cfg.put("dropout", 0.25);
        cfg.put("recurrent_dropout", 0.5);
        GRU g = (GRU) Layers.fromConfig("GRU", normalizeActivations(cfg));
        assertEquals("gru_1", g.name());
        assertEquals(16, g.units());
        assertEquals("relu", g.activation().name());
        assertEquals("hard_sigmoid", g.recurrentActivation().name());
        assertFalse(g.resetAfter());
        assertTrue(g.returnSequences() && g.goBackwards());
        assertEquals(0.25, g.dropout());
        assertEquals(0.5, g.recurrentDropout());
        GRU again = (GRU) Layers.fromConfig("GRU", g.getConfig());
        assertEquals(g.getConfig(), again.getConfig());
    }

    @Test
    void lstm_vectorInput_throwsWithReshapeHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LSTM(4).withName("lstm").computeOutputShape(Shape.of(20)));
        assertTrue(e.getMessage().contains("LSTM 'lstm' expects input of rank 2") && e.getMessage().contains("Reshape(20, 1)"),
                e.getMessage());
    }

    @Test
    void units_nonPositive_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(0));
        assertEquals("SimpleRNN units must be a positive integer, got 0", e.getMessage());
    }

    @Test
    void dropout_outOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LSTM(4).withDropout(1.0));
        assertEquals("LSTM dropout must be in [0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LSTM(4).withRecurrentDropout(-0.1));
    }

    @Test
    void nullActivation_isLinearAsKerasNone() {
        assertTrue(new LSTM(4, (String) null).activation().isLinear());
        assertTrue(new LSTM(4).withRecurrentActivation((String) null).recurrentActivation().isLinear());
    }

    /** Keras writes plain activation names; keras4j's registry reads them in its nested form. */
    private static Map<String, Object> normalizeActivations(Map<String, Object> cfg) {
        Map<String, Object> out = new LinkedHashMap<>(cfg);
        for (String key : new String[] {"activation", "recurrent_activation"}) {
            if (out.get(key) instanceof String s) {
                out.put(key, Map.of("class_name", s, "config", Map.of()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String name(Object serialized) {
        return (String) ((Map<String, Object>) serialized).get("class_name");
    }
}
