package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keras4j.datasets.CarEvaluation;
import org.keras4j.datasets.ClassificationData;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.basics.BackpropByHandExercise;
import org.keras4j.examples.linear.LinearRegressionExercise;
import org.keras4j.examples.linear.LogisticRegressionExercise;
import org.keras4j.examples.linear.SoftmaxRegressionExercise;
import org.keras4j.examples.mlp.CarEvaluationExercise;
import org.keras4j.examples.mlp.XorExercise;
import org.junit.jupiter.api.Test;

/** The course's first exercises, end to end, with their reference results. */
class CourseBasicsAcceptanceTest {

    @Test
    void carEvaluation_testAccuracyAtLeast95Percent() {
        ClassificationData data = CarEvaluation.load(AcceptanceData.dir().resolve("car").resolve("car.csv"));
        double accuracy = CarEvaluationExercise.testAccuracy(data, 0);
        assertTrue(accuracy >= 0.95, "car evaluation test accuracy " + accuracy);
    }

    @Test
    void xor_isSolved() {
        ExerciseResult r = new XorExercise().run(AcceptanceData.context());
        assertEquals(1.0, r.value(), 0.0, r.toString());
    }

    @Test
    void linearRegression_recoversSlopeWithin0point1() {
        ExerciseResult r = new LinearRegressionExercise().run(AcceptanceData.context());
        assertEquals(-3.0, r.value(), 0.1, r.toString());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void logisticRegression_separatesTheThreshold() {
        ExerciseResult r = new LogisticRegressionExercise().run(AcceptanceData.context());
        assertTrue(r.value() >= 0.95, r.toString());
    }

    @Test
    void softmaxRegression_classifiesThreeBlobs() {
        ExerciseResult r = new SoftmaxRegressionExercise().run(AcceptanceData.context());
        assertTrue(r.value() >= 0.95, r.toString());
    }

    @Test
    void backpropByHand_handSameDiffAndKeras4jStepsAgree() {
        double[] byHand = BackpropByHandExercise.step(BackpropByHandExercise.handGradient());
        double[] bySameDiff = BackpropByHandExercise.step(BackpropByHandExercise.sameDiffGradient());
        double[] byKeras4j = BackpropByHandExercise.kerasStep();
        // the updated weights, rounded to four decimals
        assertArrayEquals(new double[] {0.1496, 0.3959, 0.4272, 0.6121}, byHand, 5e-5);
        assertArrayEquals(byHand, bySameDiff, 1e-12);
        assertArrayEquals(byHand, byKeras4j, BackpropByHandExercise.FLOAT_TOLERANCE);

        ExerciseResult r = new BackpropByHandExercise().run(AcceptanceData.context());
        assertTrue(r.passed() && r.value() <= BackpropByHandExercise.FLOAT_TOLERANCE, r.toString());
    }
}
