package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.Mnist;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.vision.CourseCnnExercise;
import org.keras4j.examples.vision.FashionMnistMlpExercise;
import org.keras4j.examples.vision.MnistConvnetExercise;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The course's computer-vision exercises on the full real data sets (60,000 training and 10,000
 * test images), located through the same lookup users have, from fixed seeds.
 */
class VisionAcceptanceTest {
    private static TrainTest<ImageData> fashion;

    @BeforeAll
    static void load() {
        fashion = FashionMnist.load(AcceptanceData.dir());
    }

    @Test
    void fashionMnistMlp_testAccuracyAtLeast087() {
        double acc = FashionMnistMlpExercise.testAccuracy(fashion, null);
        assertTrue(acc >= 0.87, "Fashion-MNIST MLP test accuracy " + acc);
    }

    @Test
    void fashionMnistCourseCnn_testAccuracyAtLeast090() {
        double acc = CourseCnnExercise.testAccuracy(false, fashion, null);
        assertTrue(acc >= 0.90, "Fashion-MNIST course CNN test accuracy " + acc);
    }

    @Test
    void mnistSimpleConvnet_testAccuracyAtLeast0985() {
        TrainTest<ImageData> mnist = Mnist.load(AcceptanceData.dir());
        double acc = MnistConvnetExercise.testAccuracy(mnist, null);
        assertTrue(acc >= 0.985, "MNIST convnet test accuracy " + acc);
    }
}
