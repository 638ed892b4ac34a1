package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InverseTimeDecayTest {

    @Test
    void continuous_matchesFormula() {
        InverseTimeDecay s = new InverseTimeDecay(0.1, 1.0, 0.5);
        assertEquals(0.1, s.learningRate(0), 1e-15);
        assertEquals(0.1 / 1.5, s.learningRate(1), 1e-15);
        assertEquals(0.1 / 6.0, s.learningRate(10), 1e-15);
    }

    @Test
    void staircase_usesWholeIntervals() {
        InverseTimeDecay s = new InverseTimeDecay(1.0, 4, 1.0).withStaircase(true);
        assertEquals(1.0, s.learningRate(3), 1e-15);
        assertEquals(0.5, s.learningRate(4), 1e-15);
        assertEquals(0.5, s.learningRate(7), 1e-15);
        assertEquals(1.0 / 3, s.learningRate(8), 1e-15);
    }
}
