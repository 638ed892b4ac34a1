package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keras4j.datasets.Concrete;
import org.keras4j.datasets.TabularData;
import org.keras4j.examples.mlp.ConcreteExercise;
import org.keras4j.examples.mlp.ConcreteExperiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The course's concrete-strength assignment on the real UCI data: seeded 70/30 splits, 5 per
 * variant as the tour runs them, 50 for variant D as the course's assignment repeats it.
 */
class ConcreteRegressionAcceptanceTest {
    private static TabularData data;

    @BeforeAll
    static void load() {
        data = Concrete.load(AcceptanceData.dir().resolve("concrete").resolve("concrete_data.csv"));
    }

    private static ConcreteExperiment.Result run(String name) {
        return run(name, ConcreteExercise.REPETITIONS);
    }

    private static ConcreteExperiment.Result run(String name, int splits) {
        for (ConcreteExercise e : ConcreteExercise.variants()) {
            if (e.name().equals(name)) {
                return e.experiment().run(data, splits);
            }
        }
        throw new AssertionError("no variant " + name);
    }

    @Test
    void variantC_100epochsStandardized_meanTestMseBelow200() {
        ConcreteExperiment.Result r = run("concrete-c");
        assertTrue(r.mean() < 200, "C mean test MSE " + r.mean() + " per split " + r.mses());
    }

    /**
     * The test MSE of one split spreads by about 16 around the mean, so the mean of 5 splits moves
     * by about 7 with the seeds (134.4 over seeds 0-4, 130.6 over 0-9); over the course's 50
     * splits it is 125.1, with a standard error of 2.3.
     */
    @Test
    void variantD_threeHiddenLayers_meanTestMseOverTheCourses50SplitsBelow130() {
        ConcreteExperiment.Result r = run("concrete-d", 50);
        assertTrue(r.mean() < 130, "D mean test MSE " + r.mean() + " per split " + r.mses());
    }

    @Test
    void betterNetwork_meanTestMseBelow60() {
        ConcreteExperiment.Result r = run("concrete-best");
        assertTrue(r.mean() < 60, "best mean test MSE " + r.mean() + " per split " + r.mses());
    }

    @Test
    void moreEpochs_onStandardizedInputs_lowerTheTestMse() {
        // the course's point of part C: B (50 epochs) has not converged yet
        ConcreteExperiment.Result b = run("concrete-b");
        ConcreteExperiment.Result c = run("concrete-c");
        assertTrue(c.mean() < b.mean(), "C " + c.mean() + " vs B " + b.mean());
    }
}
