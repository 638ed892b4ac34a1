package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.losses.MeanSquaredError;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training step's direct update (plain SGD adds {@code lr g} straight into the parameters)
 * against its reference, the same step through the gradient array and {@code ascend}, which
 * {@link RBMGradientTest} checks against the formula by hand.
 */
class ContrastiveDivergenceTest {

    private static void assertSameSteps(RBM.Builder config) {
        INDArray x = RBMTrainingTest.prototypes(13, 4);
        Keras.setRandomSeed(21);
        RBM direct = config.build();
        direct.compile(new SGD(0.2));
        RBM reference = config.build();
        reference.compile(new SGD(0.2));
        reference.setWeights(direct.getWeights());
        ContrastiveDivergence viaGradient = new ContrastiveDivergence(reference, new SGD(0.2), new MeanSquaredError(),
                false);
        // batches of 5, 5 and a short 3, twice: PCD's chains keep 5 rows for the short batch
        long[][] batches = {{0, 5}, {5, 10}, {10, 13}, {0, 5}, {5, 10}, {10, 13}};
        for (int i = 0; i < batches.length; i++) {
            INDArray batch = x.get(NDArrayIndex.interval(batches[i][0], batches[i][1]), NDArrayIndex.all());
            Nd4j.getRandom().setSeed(100 + i);
            double lossDirect = direct.network().trainBatch(batch, batch, null);
            Nd4j.getRandom().setSeed(100 + i);
            double lossReference = viaGradient.trainBatch(batch, batch, null);
            assertEquals(lossReference, lossDirect, 1e-7, "reported loss of step " + i);
            List<INDArray> a = direct.getWeights();
            List<INDArray> b = reference.getWeights();
            for (int p = 0; p < 3; p++) {
                double diff = a.get(p).sub(b.get(p)).amaxNumber().doubleValue();
                assertEquals(0.0, diff, 1e-6, "weights[" + p + "] after step " + i);
            }
        }
        assertEquals(batches.length, direct.network().iterationCount());
    }

    @Test
    void directUpdate_equalsTheGradientArrayPath_cd1() {
        assertSameSteps(RBM.builder(16, 6));
    }

    @Test
    void directUpdate_equalsTheGradientArrayPath_persistentCd2_withDecayAndSparsity() {
        assertSameSteps(RBM.builder(16, 6).persistent(true).cdSteps(2).weightDecay(0.01).sparsity(0.1, 0.5));
    }
}
