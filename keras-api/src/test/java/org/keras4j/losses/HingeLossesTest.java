package org.keras4j.losses;

import static org.keras4j.losses.LossTestSupport.assertPerSample;
import static org.keras4j.losses.LossTestSupport.rows;

import org.junit.jupiter.api.Test;

/** Hinge losses, including Keras's conversion of 0/1 labels to -1/1. */
class HingeLossesTest {
    @Test
    void hinge_convertsBinaryLabelsToSigned() {
        // labels [0, 1] -> [-1, 1]: max(1 + 0.3, 0) = 1.3, max(1 - 0.4, 0) = 0.6
        assertPerSample(new double[] {0.95},
                new Hinge().call(rows(new double[] {0, 1}), rows(new double[] {0.3, 0.4})), 1e-12);
    }

    @Test
    void hinge_signedLabelsGiveSameValue() {
        assertPerSample(new double[] {0.95},
                new Hinge().call(rows(new double[] {-1, 1}), rows(new double[] {0.3, 0.4})), 1e-12);
    }

    @Test
    void hinge_keepsLabelsWhenBatchIsNotAllZeroOrOne() {
        // -1 in the batch: 0 stays 0, so its margin is max(1 - 0, 0) = 1
        assertPerSample(new double[] {1.15},
                new Hinge().call(rows(new double[] {-1, 0}), rows(new double[] {0.3, 0.4})), 1e-12);
    }

    @Test
    void hinge_isZeroBeyondTheMargin() {
        assertPerSample(new double[] {0},
                new Hinge().call(rows(new double[] {1, -1}), rows(new double[] {2, -1.5})), 0);
    }

    @Test
    void squaredHinge_squaresTheMargins() {
        // (1.3^2 + 0.6^2) / 2
        assertPerSample(new double[] {1.025},
                new SquaredHinge().call(rows(new double[] {0, 1}), rows(new double[] {0.3, 0.4})), 1e-12);
    }
}
