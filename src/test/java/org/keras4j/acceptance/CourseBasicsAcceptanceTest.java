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
import org.keras4j.examples.linear.MultipleLinearRegressionExercise;
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

    @Test
    void multipleLinearRegression_learnsTheLeastSquaresKernelAndBias() {
        MultipleLinearRegressionExercise.Data data = MultipleLinearRegressionExercise.data();
        MultipleLinearRegressionExercise.Fit learned =
                MultipleLinearRegressionExercise.weights(MultipleLinearRegressionExercise.train(data));
        MultipleLinearRegressionExercise.Fit leastSquares = leastSquares(data.x().toDoubleMatrix(), data.y().toDoubleMatrix());

        // the closed form recovers the true map up to the noise, and SGD converges to the closed form
        assertTrue(leastSquares.maxDifference(MultipleLinearRegressionExercise.trueKernel(),
                MultipleLinearRegressionExercise.trueBias()) <= MultipleLinearRegressionExercise.TOLERANCE);
        double fromLeastSquares = learned.maxDifference(leastSquares.kernel(), leastSquares.bias());
        assertTrue(fromLeastSquares <= 0.005, "max |SGD - least squares| " + fromLeastSquares);
        double fromTrue = learned.maxDifference(MultipleLinearRegressionExercise.trueKernel(),
                MultipleLinearRegressionExercise.trueBias());
        assertTrue(fromTrue <= MultipleLinearRegressionExercise.TOLERANCE, "max |SGD - true| " + fromTrue);

        ExerciseResult r = new MultipleLinearRegressionExercise().run(AcceptanceData.context());
        assertTrue(r.passed(), r.toString());
    }

    /**
     * Ordinary least squares in closed form: the normal equations {@code (A^T A) beta = A^T y} with
     * {@code A = [x, 1]}, solved for every output by Gauss-Jordan elimination with partial pivoting.
     */
    private static MultipleLinearRegressionExercise.Fit leastSquares(double[][] x, double[][] y) {
        int n = x.length;
        int p = x[0].length + 1;
        int outputs = y[0].length;
        double[][] m = new double[p][p + outputs];   // [A^T A | A^T y]
        for (int s = 0; s < n; s++) {
            double[] a = java.util.Arrays.copyOf(x[s], p);
            a[p - 1] = 1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m[i][j] += a[i] * a[j];
                }
                for (int k = 0; k < outputs; k++) {
                    m[i][p + k] += a[i] * y[s][k];
                }
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c < p + outputs; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[][] kernel = new double[p - 1][outputs];
        double[] bias = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            for (int i = 0; i < p - 1; i++) {
                kernel[i][k] = m[i][p + k] / m[i][i];
            }
            bias[k] = m[p - 1][p + k] / m[p - 1][p - 1];
        }
        return new MultipleLinearRegressionExercise.Fit(kernel, bias);
    }
}
