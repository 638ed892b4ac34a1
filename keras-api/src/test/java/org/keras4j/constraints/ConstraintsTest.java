package org.keras4j.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    @Test
    void get_defaultsAreKeras() {
        assertEquals(Map.of("max_value", 2.0, "axis", 0), Constraints.get("max_norm").getConfig());
        assertEquals(Map.of(), Constraints.get("non_neg").getConfig());
        assertEquals(Map.of("axis", 0), Constraints.get("unit_norm").getConfig());
        assertEquals(Map.of("min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0),
                Constraints.get("min_max_norm").getConfig());
    }

    @Test
    void get_acceptsKerasClassNames() {
        assertEquals(Constraints.get("max_norm"), Constraints.get("MaxNorm"));
        assertEquals(Constraints.get("non_neg"), Constraints.get("NonNeg"));
    }

    @Test
    void get_unknownName_listsValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Constraints.get("max_nrm"));
        assertTrue(e.getMessage().contains("'max_norm'") && e.getMessage().contains("unit_norm"), e.getMessage());
    }

    @Test
    void fromConfig_ofGetConfig_roundTrips() {
        for (Constraint c : List.of(Constraints.maxNorm(3.0, 0, 1, 2), Constraints.nonNeg(), Constraints.unitNorm(-1),
                Constraints.minMaxNorm(0.5, 2.0, 0.25, 1))) {
            assertEquals(c, Constraints.fromConfig(c.identifier(), c.getConfig()), c.toString());
        }
    }

    @Test
    void axis_oneIsAnIntSeveralAreAList() {
        assertEquals(1, Constraints.unitNorm(1).getConfig().get("axis"));
        assertEquals(List.of(0, 1, 2), Constraints.maxNorm(2.0, 0, 1, 2).getConfig().get("axis"));
        assertArrayEquals(new int[] {0, 1, 2}, Constraints.maxNorm(2.0, 0, 1, 2).axis());
        assertArrayEquals(new int[] {0}, Constraints.maxNorm(2.0).axis());
    }

    @Test
    void minMaxNorm_invalidArguments_throw() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Constraints.minMaxNorm(2.0, 1.0, 1.0));
        assertTrue(e.getMessage().contains("min_value=2.0") && e.getMessage().contains("max_value=1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Constraints.minMaxNorm(0.0, 1.0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Constraints.maxNorm(-1.0));
        assertThrows(IllegalArgumentException.class, () -> Constraints.unitNorm(0, 0));
    }
}
