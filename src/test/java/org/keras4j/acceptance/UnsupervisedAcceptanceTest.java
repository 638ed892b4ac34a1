package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.examples.unsupervised.RbmFeaturesExercise;

/**
 * Unsupervised exercises on real data. Training budget: the RBM learns from the first 20,000
 * Fashion-MNIST training images for 2 epochs (626 CD-1 steps of batch 64, 784 x 256), the
 * logistic regression 10 epochs on their features; tested on all 10,000 test images.
 */
class UnsupervisedAcceptanceTest {
    @Test
    void rbmFeatures_logisticRegression_testAccuracyAtLeast080() {
        double acc = RbmFeaturesExercise.testAccuracy(FashionMnist.load(AcceptanceData.dir()), 20_000, 2, null);
        assertTrue(acc >= 0.80, "RBM features + logistic regression test accuracy " + acc);
    }
}
