package org.keras4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void names_coverKerasIdentifiersAndCourseStep() {
        Set<String> names = Activations.names();
        for (String name : new String[] {"linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", "selu",
                "gelu", "swish", "silu", "softplus", "softsign", "hard_sigmoid", "relu6", "exponential",
                "binary_step", "hard_silu", "hard_swish", "mish", "log_softmax"}) {
            assertTrue(names.contains(name), name);
        }
    }

    @Test
    void get_unknownName_listsValidNamesAndSuggestsClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("sigmod"));
        assertTrue(e.getMessage().contains("'sigmod'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'sigmoid'?"), e.getMessage());
        assertTrue(e.getMessage().contains("hard_sigmoid") && e.getMessage().contains("softmax")
                && e.getMessage().contains("binary_step"), e.getMessage());
    }

    @Test
    void get_misspelledLongName_suggestsIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.get("hard_sigmod"));
        assertTrue(e.getMessage().contains("Did you mean 'hard_sigmoid'?"), e.getMessage());
    }

    @Test
    void get_null_isLinear() {
        assertEquals(Activations.linear(), Activations.get(null));
        assertTrue(Activations.get(null).isLinear());
    }

    @Test
    void get_isCaseInsensitive() {
        assertEquals(Activations.get("relu"), Activations.get("ReLU"));
    }

    @Test
    void aliases_resolveToKerasCanonicalName() {
        assertEquals("silu", Activations.get("swish").name());
        assertEquals(Activations.get("silu"), Activations.get("swish"));
        assertEquals("hard_silu", Activations.get("hard_swish").name());
    }

    @Test
    void relu_withDefaultArguments_equalsPlainRelu() {
        assertEquals(Activations.get("relu"), Activations.relu(0.0, null, 0.0));
        assertTrue(Activations.get("relu").getConfig().isEmpty());
    }

    @Test
    void relu_configHoldsOnlyNonDefaultArguments() {
        ActivationFunction f = Activations.relu(0.1, 6.0, 0.0);
        assertEquals(Map.of("negative_slope", 0.1, "max_value", 6.0), f.getConfig());
        assertEquals(6.0, f.nullableParam("max_value"));
        assertEquals(0.0, f.param("threshold", 0.0));
    }

    @Test
    void leakyRelu_defaultSlopeIsKerasActivationDefault() {
        assertEquals(0.2, Activations.get("leaky_relu").param("negative_slope", Activations.LEAKY_RELU_NEGATIVE_SLOPE));
        assertEquals(Activations.get("leaky_relu"), Activations.leakyRelu(0.2));
        assertNotEquals(Activations.get("leaky_relu"), Activations.leakyRelu(0.3));
    }

    @Test
    void elu_defaultAlphaIsOne() {
        assertEquals(Activations.get("elu"), Activations.elu(1.0));
        assertEquals(0.5, Activations.elu(0.5).param("alpha", Activations.ELU_ALPHA));
    }

    @Test
    void gelu_defaultIsExact() {
        assertEquals(Activations.get("gelu"), Activations.gelu(false));
        assertEquals(true, Activations.gelu(true).flag("approximate", false));
    }

    @Test
    void fromConfig_roundTripsEveryParameterisedFunction() {
        for (ActivationFunction f : new ActivationFunction[] {Activations.relu(0.1, 4.0, 1.5), Activations.elu(0.5),
                Activations.leakyRelu(0.05), Activations.gelu(true), Activations.get("softmax")}) {
            assertEquals(f, Activations.fromConfig(f.identifier(), f.getConfig()));
        }
    }

    @Test
    void fromConfig_acceptsIntegersFromJson() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("max_value", 6);
        cfg.put("threshold", 0);
        assertEquals(Activations.relu(0.0, 6.0, 0.0), Activations.fromConfig("relu", cfg));
    }

    @Test
    void fromConfig_unknownArgument_namesItAndTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.fromConfig("relu", Map.of("alpha", 0.1)));
        assertTrue(e.getMessage().contains("'alpha'") && e.getMessage().contains("negative_slope"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Activations.fromConfig("tanh", Map.of("alpha", 0.1)));
        assertTrue(none.getMessage().contains("takes none"), none.getMessage());
    }

    @Test
    void fromConfig_wrongValueType_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.fromConfig("gelu", Map.of("approximate", "yes")));
        assertTrue(e.getMessage().contains("approximate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.fromConfig("elu", Map.of("alpha", "one")));
    }

    @Test
    void relu_negativeMaxValue_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.relu(0.0, -1.0, 0.0));
        assertTrue(e.getMessage().contains("max_value") && e.getMessage().contains("-1.0"), e.getMessage());
    }

    @Test
    void nonFiniteArgument_throws() {
        assertThrows(IllegalArgumentException.class, () -> Activations.leakyRelu(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Activations.elu(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Activations.relu(0.0, null, Double.NaN));
    }

    @Test
    void toString_showsOnlyNonDefaultArguments() {
        assertEquals("relu", Activations.get("relu").toString());
        assertEquals("elu{alpha=0.5}", Activations.elu(0.5).toString());
    }
}
