package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.CarEvaluation;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.examples.mlp.TwoInputExercise;
import org.keras4j.examples.vision.ResidualCnnExercise;

/**
 * The functional-API exercises end to end on the reference data, from fixed seeds: a small
 * ResNet (Add shortcuts) on the full Fashion-MNIST, and the car evaluation as a model with two
 * inputs joined by Concatenate and two outputs with their own losses and loss weights.
 */
class FunctionalAcceptanceTest {

    @Test
    void fashionMnistResNet_testAccuracyAtLeast091() {
        double acc = ResidualCnnExercise.testAccuracy(FashionMnist.load(AcceptanceData.dir()), null);
        assertTrue(acc >= ResidualCnnExercise.REFERENCE_ACCURACY, "Fashion-MNIST ResNet test accuracy " + acc);
    }

    @Test
    void carTwoInputsTwoOutputs_bothHeadsReachTheirReferenceAndBothLossesFall() {
        TwoInputExercise.Outcome o = TwoInputExercise.train(
                CarEvaluation.load(AcceptanceData.dir().resolve("car").resolve("car.csv")), 0, null);
        assertTrue(o.ratingAccuracy() >= TwoInputExercise.REFERENCE_RATING_ACCURACY,
                "rating (4 classes) test accuracy " + o.ratingAccuracy());
        assertTrue(o.acceptableAccuracy() >= TwoInputExercise.REFERENCE_ACCEPTABLE_ACCURACY,
                "acceptable (binary) test accuracy " + o.acceptableAccuracy());
        History h = o.history();
        for (String key : List.of("rating_loss", "acceptable_loss")) {
            List<Double> losses = h.get(key);
            assertTrue(losses.get(losses.size() - 1) < losses.get(0) / 2, key + " per epoch: " + losses);
        }
    }
}
