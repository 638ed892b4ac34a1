package org.keras4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegularizersTest {

    @Test
    void identifiers_useKerasDefaultFactor() {
        assertEquals(Map.of("l1", 0.01, "l2", 0.0), Regularizers.get("l1").getConfig());
        assertEquals(Map.of("l1", 0.0, "l2", 0.01), Regularizers.get("l2").getConfig());
        assertEquals(Map.of("l1", 0.01, "l2", 0.01), Regularizers.get("l1_l2").getConfig());
    }

    @Test
    void fromConfig_ofGetConfig_roundTrips() {
        Regularizer r = Regularizers.l1l2(1e-5, 3e-4);
        assertEquals(r, Regularizers.fromConfig(r.identifier(), r.getConfig()));
        assertEquals(Regularizers.l2(0.2), Regularizers.fromConfig("l2", Regularizers.l2(0.2).getConfig()));
    }

    @Test
    void negativeOrInfiniteFactor_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regularizers.l1(-0.1));
        assertTrue(e.getMessage().contains("l1=-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Regularizers.l2(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Regularizers.l2(Double.NaN));
    }
}
