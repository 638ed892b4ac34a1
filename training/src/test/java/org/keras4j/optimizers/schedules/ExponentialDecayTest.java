package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExponentialDecayTest {

    @Test
    void continuous_matchesFormula() {
        ExponentialDecay s = new ExponentialDecay(0.1, 10, 0.5);
        assertEquals(0.1, s.learningRate(0), 1e-15);
        assertEquals(0.1 * Math.sqrt(0.5), s.learningRate(5), 1e-15);    // 0.5^(5/10)
        assertEquals(0.1 * 0.5 * Math.sqrt(0.5), s.learningRate(15), 1e-15);
    }

    @Test
    void staircase_decaysAtWholeIntervalsOnly() {
        ExponentialDecay s = new ExponentialDecay(0.1, 10, 0.5).withStaircase(true);
        assertEquals(0.1, s.learningRate(9), 1e-15);
        assertEquals(0.05, s.learningRate(10), 1e-15);
        assertEquals(0.05, s.learningRate(19), 1e-15);
        assertEquals(0.025, s.learningRate(20), 1e-15);
    }

    @Test
    void decayStepsZero_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
        assertEquals("decaySteps must be > 0, got 0.0", e.getMessage());
    }

    @Test
    void negativeStep_throws() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 10, 0.5).learningRate(-1));
    }
}
