package org.keras4j.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitializersTest {

    @Test
    void get_argumentDefaultsAreKeras() {
        assertEquals(Map.of("minval", -0.05, "maxval", 0.05), Initializers.get("random_uniform").getConfig());
        assertEquals(Map.of("mean", 0.0, "stddev", 0.05), Initializers.get("random_normal").getConfig());
        assertEquals(Map.of("mean", 0.0, "stddev", 0.05), Initializers.get("truncated_normal").getConfig());
        assertEquals(Map.of("value", 0.0), Initializers.get("constant").getConfig());
        assertEquals(Map.of("gain", 1.0), Initializers.get("orthogonal").getConfig());
        assertEquals(Map.of("gain", 1.0), Initializers.get("identity").getConfig());
        assertEquals(Map.of("scale", 1.0, "mode", "fan_in", "distribution", "truncated_normal"),
                Initializers.get("variance_scaling").getConfig());
        assertEquals(Map.of(), Initializers.get("he_normal").getConfig());
    }

    @Test
    void aliases_resolveToKerasNames() {
        assertEquals(Initializers.glorotUniform(), Initializers.get("xavier_uniform"));
        assertEquals("random_normal", Initializers.get("normal").identifier());
        assertEquals("truncated_normal", Initializers.varianceScaling(2.0, "fan_out", "normal").stringParam("distribution", null));
    }

    @Test
    void fromConfig_ofGetConfig_roundTripsEveryInitializer() {
        for (String name : Initializers.names()) {
            Initializer init = Initializers.get(name);
            assertEquals(init, Initializers.fromConfig(init.identifier(), init.getConfig()), name);
        }
        for (Initializer init : List.of(Initializers.randomUniform(-1, 2), Initializers.truncatedNormal(0.5, 0.1),
                Initializers.varianceScaling(0.3, "fan_avg", "uniform"), Initializers.orthogonal(2.0), Initializers.constant(4))) {
            assertEquals(init, Initializers.fromConfig(init.identifier(), init.getConfig()), init.toString());
        }
    }

    @Test
    void varianceScaling_invalidArguments_throwNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializers.varianceScaling(1.0, "fan_middle", "uniform"));
        assertTrue(e.getMessage().contains("mode") && e.getMessage().contains("fan_middle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializers.varianceScaling(0.0, "fan_in", "uniform"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.varianceScaling(1.0, "fan_in", "cauchy"));
    }

    @Test
    void randomDistributions_invalidArguments_throw() {
        assertThrows(IllegalArgumentException.class, () -> Initializers.randomUniform(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Initializers.randomNormal(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Initializers.truncatedNormal(0, 0));
    }

    @Test
    void constants_reportTheirValue() {
        assertTrue(Initializers.ones().isConstant());
        assertEquals(1.0, Initializers.ones().constantValue());
        assertEquals(-2.5, Initializers.constant(-2.5).constantValue());
        assertFalse(Initializers.heNormal().isConstant());
        assertThrows(IllegalStateException.class, () -> Initializers.heNormal().constantValue());
    }
}
