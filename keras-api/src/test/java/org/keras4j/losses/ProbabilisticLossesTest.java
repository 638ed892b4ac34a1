package org.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.keras4j.losses.LossTestSupport.assertPerSample;
import static org.keras4j.losses.LossTestSupport.rows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Cross-entropies, KL divergence and Poisson against values worked out by hand. */
class ProbabilisticLossesTest {
    private static final double LOG_EPSILON = -Math.log(1e-7);

    @Test
    void binaryCrossentropy_matchesKerasDocstringExample() {
        // [-(log 0.4 + log 0.4) / 2, -(log 0.6 + log 0.4) / 2] = [0.916, 0.714]
        assertPerSample(new double[] {-Math.log(0.4), -(Math.log(0.6) + Math.log(0.4)) / 2},
                new BinaryCrossentropy().call(rows(new double[] {0, 1}, new double[] {0, 0}),
                        rows(new double[] {0.6, 0.4}, new double[] {0.4, 0.6})), 1e-12);
    }

    @Test
    void binaryCrossentropy_clipsCertainWrongPrediction() {
        assertPerSample(new double[] {LOG_EPSILON, LOG_EPSILON},
                new BinaryCrossentropy().call(rows(new double[] {1}, new double[] {0}), rows(new double[] {0}, new double[] {1})),
                1e-6);
    }

    @Test
    void binaryCrossentropy_fromLogits_isSoftplusOfSignedLogit() {
        // y = 1, z = 2: log(1 + e^-2); y = 0, z = 2: log(1 + e^2); z = -800 with y = 1 stays finite: 800
        assertPerSample(new double[] {Math.log1p(Math.exp(-2)), Math.log1p(Math.exp(2)), 800},
                new BinaryCrossentropy(true).call(rows(new double[] {1}, new double[] {0}, new double[] {1}),
                        rows(new double[] {2}, new double[] {2}, new double[] {-800})), 1e-12);
    }

    @Test
    void binaryCrossentropy_labelSmoothingSqueezesTowardsHalf() {
        // s = 0.2: label 1 -> 0.9; -(0.9 log 0.8 + 0.1 log 0.2)
        assertPerSample(new double[] {-(0.9 * Math.log(0.8) + 0.1 * Math.log(0.2))},
                new BinaryCrossentropy(false, 0.2).call(rows(new double[] {1}), rows(new double[] {0.8})), 1e-12);
    }

    @Test
    void binaryCrossentropy_labelSmoothingOutOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy(false, 1.5));
        assertEquals("labelSmoothing must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void categoricalCrossentropy_matchesKerasDocstringExample() {
        assertPerSample(new double[] {-Math.log(0.95), -Math.log(0.1)},
                new CategoricalCrossentropy().call(rows(new double[] {0, 1, 0}, new double[] {0, 0, 1}),
                        rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1})), 1e-12);
    }

    @Test
    void categoricalCrossentropy_renormalisesPredictions() {
        // [1, 1] is read as [0.5, 0.5]
        assertPerSample(new double[] {Math.log(2)},
                new CategoricalCrossentropy().call(rows(new double[] {1, 0}), rows(new double[] {1, 1})), 1e-12);
    }

    @Test
    void categoricalCrossentropy_clipsZeroProbability() {
        assertPerSample(new double[] {LOG_EPSILON},
                new CategoricalCrossentropy().call(rows(new double[] {1, 0}), rows(new double[] {0, 1})), 1e-6);
    }

    @Test
    void categoricalCrossentropy_fromLogits_isExactLogSoftmax() {
        // -log softmax(z)_2 = log(e + e^2 + e^3) - 3; z = [1000, 0] with class 1: 1000, no overflow nor clipping
        assertPerSample(new double[] {Math.log(Math.E + Math.exp(2) + Math.exp(3)) - 3},
                new CategoricalCrossentropy(true).call(rows(new double[] {0, 0, 1}), rows(new double[] {1, 2, 3})), 1e-12);
        assertPerSample(new double[] {1000},
                new CategoricalCrossentropy(true).call(rows(new double[] {0, 1}), rows(new double[] {1000, 0})), 1e-9);
    }

    @Test
    void categoricalCrossentropy_labelSmoothingMixesInUniform() {
        // s = 0.3, k = 3: [0, 1, 0] -> [0.1, 0.8, 0.1]
        double expected = -(0.1 * Math.log(0.2) + 0.8 * Math.log(0.5) + 0.1 * Math.log(0.3));
        assertPerSample(new double[] {expected},
                new CategoricalCrossentropy(false, 0.3).call(rows(new double[] {0, 1, 0}), rows(new double[] {0.2, 0.5, 0.3})),
                1e-12);
    }

    @Test
    void sparseCategoricalCrossentropy_matchesKerasDocstringExample() {
        assertPerSample(new double[] {-Math.log(0.95), -Math.log(0.1)},
                new SparseCategoricalCrossentropy().call(rows(new double[] {1}, new double[] {2}),
                        rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1})), 1e-12);
    }

    @Test
    void sparseCategoricalCrossentropy_acceptsRankOneLabels() {
        assertPerSample(new double[] {-Math.log(0.95), -Math.log(0.1)},
                new SparseCategoricalCrossentropy().call(Nd4j.createFromArray(1.0, 2.0),
                        rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1})), 1e-12);
    }

    @Test
    void sparseCategoricalCrossentropy_fromLogits_isExactLogSoftmax() {
        assertPerSample(new double[] {Math.log(Math.E + Math.exp(2) + Math.exp(3)) - 1},
                new SparseCategoricalCrossentropy(true).call(rows(new double[] {0}), rows(new double[] {1, 2, 3})), 1e-12);
    }

    @Test
    void sparseCategoricalCrossentropy_indexOutOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().call(rows(new double[] {3}), rows(new double[] {0.2, 0.3, 0.5})));
        assertEquals("yTrue must hold integer class indices in [0, 2], got 3.0 at sample 0", e.getMessage());
    }

    @Test
    void klDivergence_matchesHandComputedValue() {
        // 0.5 log(0.5 / 0.25) + 0.5 log(0.5 / 0.75); a zero label contributes 1e-7 * log(1e-7 / p)
        double expected = 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3);
        assertPerSample(new double[] {expected, 1e-7 * Math.log(1e-7 / 0.5)},
                new KLDivergence().call(rows(new double[] {0.5, 0.5}, new double[] {0, 1}),
                        rows(new double[] {0.25, 0.75}, new double[] {0.5, 1})), 1e-12);
    }

    @Test
    void poisson_matchesHandComputedValue() {
        double expected = ((1 - Math.log(1 + 1e-7)) + (0.5 - 2 * Math.log(0.5 + 1e-7))) / 2;
        assertPerSample(new double[] {expected},
                new Poisson().call(rows(new double[] {1, 2}), rows(new double[] {1, 0.5})), 1e-12);
    }
}
