package org.keras4j.internal.dl4j.updaters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** {@link HostAdam} updates as DL4J's Adam does, on the views DL4J's updater blocks hand it. */
class HostAdamTest {
    private static final int N = 1000;

    /** Five steps of each updater on the same gradients; the gradients and state are views at an offset, as in a block. */
    @Test
    void update_equalsDl4jsAdamOperation_onViews() {
        Adam dl4j = new Adam(0.01, 0.8, 0.95, 1e-7);
        HostAdam host = new HostAdam(0.01, 0.8, 0.95, 1e-7);
        INDArray dl4jState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N + 10);
        INDArray hostState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N + 10);
        GradientUpdater a = dl4j.instantiate(dl4jState.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 2 * N + 10))
                .reshape(1, 2 * N), true);
        GradientUpdater b = host.instantiate(hostState.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 2 * N + 10))
                .reshape(1, 2 * N), true);
        assertInstanceOf(HostAdam.HostAdamUpdater.class, b);
        Nd4j.getRandom().setSeed(3);
        for (int t = 0; t < 5; t++) {
            INDArray flat = Nd4j.randn(DataType.FLOAT, N + 7).muli(t == 2 ? 100 : 0.1);
            flat.putScalar(7, 0f); // a zero gradient
            INDArray ga = flat.dup().get(NDArrayIndex.interval(7, N + 7));
            INDArray gb = flat.dup().get(NDArrayIndex.interval(7, N + 7));
            a.applyUpdater(ga, t, 0);
            b.applyUpdater(gb, t, 0);
            assertClose(ga, gb, "update at step " + t);
        }
        assertClose(dl4jState, hostState, "moments");
        assertTrue(hostState.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 10)).sumNumber().doubleValue() == 0,
                "nothing written before the block's state");
    }

    @Test
    void doubleArrays_runDl4jsOperation() {
        GradientUpdater u = new HostAdam(0.1, 0.9, 0.999, 1e-7).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 4), true);
        INDArray g = Nd4j.createFromArray(0.5, -1.0);
        u.applyUpdater(g, 0, 0);
        // first step: m = 0.1 g, v = 0.001 g^2, alpha = lr sqrt(0.001) / 0.1: update = lr sign(g), up to eps
        assertEquals(0.1, g.getDouble(0), 1e-6);
        assertEquals(-0.1, g.getDouble(1), 1e-6);
    }

    @Test
    void clone_keepsTheClassAndTheSchedule() {
        HostAdam original = new HostAdam(0.01, 0.9, 0.999, 1e-7);
        original.setLearningRateSchedule(new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.5));
        HostAdam copy = original.clone();
        assertEquals(original, copy);
        assertEquals(0.005, copy.getLearningRate(1, 0), 1e-12);
        copy.setLearningRate(0.5);
        assertEquals(0.01, original.getLearningRate(), 0.0);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        assertTrue(diff <= 2e-6 * scale, what + " differ by " + diff + " (scale " + scale + ")");
    }
}
