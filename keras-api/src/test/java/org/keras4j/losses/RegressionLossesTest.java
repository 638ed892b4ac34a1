package org.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.keras4j.losses.LossTestSupport.assertPerSample;
import static org.keras4j.losses.LossTestSupport.rows;

import org.junit.jupiter.api.Test;

/** Regression losses against values worked out by hand (several are Keras's docstring examples). */
class RegressionLossesTest {
    @Test
    void meanSquaredError_averagesSquaredErrorsOverOutputs() {
        assertPerSample(new double[] {0.5, 2.5},
                new MeanSquaredError().call(rows(new double[] {0, 1}, new double[] {1, 1}),
                        rows(new double[] {1, 1}, new double[] {0, 3})), 1e-12);
    }

    @Test
    void meanAbsoluteError_averagesAbsoluteErrorsOverOutputs() {
        assertPerSample(new double[] {1.5, 0.25},
                new MeanAbsoluteError().call(rows(new double[] {0, 2}, new double[] {1, 1}),
                        rows(new double[] {1, 0}, new double[] {1.5, 1})), 1e-12);
    }

    @Test
    void meanAbsolutePercentageError_isHundredTimesRelativeError() {
        // 100 * mean(|2 - 1| / 2, |4 - 5| / 4) = 100 * (0.5 + 0.25) / 2
        assertPerSample(new double[] {37.5},
                new MeanAbsolutePercentageError().call(rows(new double[] {2, 4}), rows(new double[] {1, 5})), 1e-10);
    }

    @Test
    void meanAbsolutePercentageError_zeroLabelDividesByEpsilon() {
        // |0 - 1| / max(|0|, 1e-7) = 1e7, times 100
        assertPerSample(new double[] {1e9},
                new MeanAbsolutePercentageError().call(rows(new double[] {0}), rows(new double[] {1})), 1e-3);
    }

    @Test
    void meanSquaredLogarithmicError_matchesHandComputedValue() {
        // (log(1 + 3) - log(1 + 1))^2 = log(2)^2
        assertPerSample(new double[] {Math.log(2) * Math.log(2)},
                new MeanSquaredLogarithmicError().call(rows(new double[] {1}), rows(new double[] {3})), 1e-12);
    }

    @Test
    void meanSquaredLogarithmicError_treatsNegativePredictionsAsEpsilon() {
        double expected = Math.pow(Math.log1p(1e-7) - Math.log1p(Math.E - 1), 2);
        assertPerSample(new double[] {expected},
                new MeanSquaredLogarithmicError().call(rows(new double[] {Math.E - 1}), rows(new double[] {-3})), 1e-12);
    }

    @Test
    void huber_matchesKerasDocstringExample() {
        // errors 0.6, -0.6 -> 0.5 * 0.36 each; errors 0.4, 0.6 -> 0.08 and 0.18; batch mean 0.155
        Huber huber = new Huber();
        assertPerSample(new double[] {0.18, 0.13},
                huber.call(rows(new double[] {0, 1}, new double[] {0, 0}), rows(new double[] {0.6, 0.4}, new double[] {0.4, 0.6})),
                1e-12);
        assertEquals(0.155, huber.compute(rows(new double[] {0, 1}, new double[] {0, 0}),
                rows(new double[] {0.6, 0.4}, new double[] {0.4, 0.6})), 1e-12);
    }

    @Test
    void huber_isLinearBeyondDelta() {
        // |e| = 3 > delta = 2: 2 * 3 - 0.5 * 4 = 4; |e| = 1 <= 2: 0.5
        assertPerSample(new double[] {2.25},
                new Huber(2.0).call(rows(new double[] {0, 0}), rows(new double[] {-3, 1})), 1e-12);
    }

    @Test
    void huber_nonPositiveDelta_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Huber(0));
        assertEquals("delta must be a positive finite number, got 0.0", e.getMessage());
    }

    @Test
    void logCosh_matchesKerasDocstringExample() {
        assertPerSample(new double[] {Math.log(Math.cosh(1)) / 2, 0},
                new LogCosh().call(rows(new double[] {0, 1}, new double[] {0, 0}), rows(new double[] {1, 1}, new double[] {0, 0})),
                1e-12);
    }

    @Test
    void logCosh_largeErrorDoesNotOverflow() {
        // log(cosh(1000)) = 1000 - log(2) up to e^-2000
        assertPerSample(new double[] {1000 - Math.log(2)},
                new LogCosh().call(rows(new double[] {0}), rows(new double[] {-1000})), 1e-9);
    }

    @Test
    void cosineSimilarity_matchesKerasDocstringExample() {
        assertPerSample(new double[] {0, -1, 1},
                new CosineSimilarity().call(rows(new double[] {0, 1}, new double[] {1, 1}, new double[] {1, 1}),
                        rows(new double[] {1, 0}, new double[] {1, 1}, new double[] {-1, -1})), 1e-12);
    }

    @Test
    void cosineSimilarity_zeroVectorGivesZero() {
        assertPerSample(new double[] {0},
                new CosineSimilarity().call(rows(new double[] {0, 0}), rows(new double[] {1, 2})), 0);
    }
}
