package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CosineDecayTest {

    @Test
    void withoutWarmup_followsHalfCosineToAlpha() {
        CosineDecay s = new CosineDecay(0.2, 100).withAlpha(0.1);
        assertEquals(0.2, s.learningRate(0), 1e-15);
        // halfway: 0.2 * ((1 - 0.1) * 0.5 + 0.1)
        assertEquals(0.2 * 0.55, s.learningRate(50), 1e-15);
        double quarter = 0.5 * (1 + Math.cos(Math.PI * 0.25));
        assertEquals(0.2 * (0.9 * quarter + 0.1), s.learningRate(25), 1e-15);
        assertEquals(0.02, s.learningRate(100), 1e-15);
        assertEquals(0.02, s.learningRate(1000), 1e-15);
    }

    @Test
    void warmup_risesLinearlyThenDecaysFromTarget() {
        CosineDecay s = new CosineDecay(0.0, 100).withWarmup(0.1, 10);
        assertEquals(0.0, s.learningRate(0), 1e-15);
        assertEquals(0.05, s.learningRate(5), 1e-15);
        assertEquals(0.1, s.learningRate(10), 1e-15);     // decay starts at the target
        assertEquals(0.05, s.learningRate(60), 1e-15);    // halfway through the decay
        assertEquals(0.0, s.learningRate(110), 1e-15);
        assertEquals(0.0, s.learningRate(500), 1e-15);
    }
}
