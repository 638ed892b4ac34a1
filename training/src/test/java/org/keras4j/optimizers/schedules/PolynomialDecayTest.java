package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PolynomialDecayTest {

    @Test
    void linear_reachesEndRateAndStays() {
        PolynomialDecay s = new PolynomialDecay(0.1, 100).withEndLearningRate(0.01);
        assertEquals(0.1, s.learningRate(0), 1e-15);
        assertEquals(0.055, s.learningRate(50), 1e-15);   // (0.1 - 0.01) * 0.5 + 0.01
        assertEquals(0.01, s.learningRate(100), 1e-15);
        assertEquals(0.01, s.learningRate(250), 1e-15);
    }

    @Test
    void power_shapesTheCurve() {
        PolynomialDecay s = new PolynomialDecay(0.1, 100).withEndLearningRate(0.01).withPower(0.5);
        assertEquals(0.09 * Math.sqrt(0.75) + 0.01, s.learningRate(25), 1e-15);
    }

    @Test
    void defaultEndRate_isKeras1eMinus4() {
        assertEquals(1e-4, new PolynomialDecay(1.0, 10).learningRate(10), 1e-15);
    }

    @Test
    void cycle_restartsWithTheNextMultipleOfDecaySteps() {
        PolynomialDecay s = new PolynomialDecay(1.0, 10).withEndLearningRate(0.0).withCycle(true);
        assertEquals(1.0, s.learningRate(0), 1e-15);            // multiplier 1 at step 0
        assertEquals(0.0, s.learningRate(10), 1e-15);           // ceil(10/10) = 1
        assertEquals(1 - 15.0 / 20, s.learningRate(15), 1e-15); // decay steps become 20
        assertEquals(1 - 25.0 / 30, s.learningRate(25), 1e-15);
    }
}
