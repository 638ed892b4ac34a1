package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiecewiseConstantDecayTest {

    @Test
    void boundaries_belongToTheIntervalBefore() {
        // Keras's example: 1.0 up to step 100000 included, 0.5 up to 110000, then 0.1
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new long[] {100000, 110000}, new double[] {1.0, 0.5, 0.1});
        assertEquals(1.0, s.learningRate(0));
        assertEquals(1.0, s.learningRate(100000));
        assertEquals(0.5, s.learningRate(100001));
        assertEquals(0.5, s.learningRate(110000));
        assertEquals(0.1, s.learningRate(110001));
    }

    @Test
    void valuesNotOneLongerThanBoundaries_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1.0, 0.5}));
        assertTrue(e.getMessage().contains("1 less than the length of values"), e.getMessage());
    }

    @Test
    void decreasingBoundaries_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {20, 10}, new double[] {1.0, 0.5, 0.1}));
    }
}
