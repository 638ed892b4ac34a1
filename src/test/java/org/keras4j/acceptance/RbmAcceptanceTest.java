package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.examples.unsupervised.RbmFeaturesExercise;

/**
 * RBM features of Fashion-MNIST feeding a logistic regression, on the real data. Training budget:
 * the RBM learns from the first 30,000 training images for 3 epochs (1,407 CD-1 steps of batch 64,
 * 784 x 256), the logistic regression 10 epochs on their features; tested on all 10,000 test images.
 */
class RbmAcceptanceTest {
    @Test
    void rbmFeatures_logisticRegression_testAccuracyAtLeast080() {
        double acc = RbmFeaturesExercise.testAccuracy(FashionMnist.load(AcceptanceData.dir()), 30_000, 3, null);
        System.out.printf("RBM features + logistic regression: test accuracy %.4f%n", acc);
        assertTrue(acc >= 0.80, "RBM features + logistic regression test accuracy " + acc);
    }
}
