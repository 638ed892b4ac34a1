package org.keras4j.internal.dl4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.internal.dl4j.updaters.KerasAdagrad;
import org.keras4j.internal.dl4j.updaters.KerasRmsProp;
import org.keras4j.internal.dl4j.updaters.KerasSgdMomentum;
import org.keras4j.internal.dl4j.updaters.KerasUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The JVM forms of keras4j's SGD with momentum and RMSprop update as DL4J runs them, and as Keras's formulas say. */
class JvmUpdaterTest {
    private static final int N = 37;
    /** The block's parameters start here in the flat gradient, as a second updater block's would. */
    private static final int FROM = 5;
    private static final int STEPS = 6;

    static Stream<KerasUpdater> configs() {
        KerasSgdMomentum scheduled = new KerasSgdMomentum(0.05, 0.9);
        scheduled.setLearningRateSchedule(new ExponentialSchedule(ScheduleType.ITERATION, 0.05, 0.8));
        return Stream.of(new KerasSgdMomentum(0.05, 0.9), scheduled,
                new KerasRmsProp(0.01, 0.9, 0.0, 1e-7, false),
                new KerasRmsProp(0.01, 0.8, 0.5, 1e-3, true),
                new KerasRmsProp(0.01, 0.9, 0.0, 1e-7, true),
                new KerasRmsProp(0.02, 0.9, 0.3, 1e-7, false));
    }

    private static float[] gradient(Random random) {
        float[] g = new float[FROM + N + 3];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) random.nextGaussian();
        }
        return g;
    }

    @ParameterizedTest
    @MethodSource("configs")
    void update_equalsDl4jsUpdater_overSeveralSteps(KerasUpdater config) {
        JvmUpdater jvm = JvmUpdater.of(config);
        int stateLength = (int) config.stateSize(N);
        INDArray view = Nd4j.zeros(DataType.FLOAT, 1, stateLength);
        GradientUpdater<?> dl4j = config.instantiate(view, true);
        float[] state = view.toFloatVector();
        Random random = new Random(3);
        for (int step = 0; step < STEPS; step++) {
            float[] g = gradient(random);
            INDArray expected = Nd4j.create(java.util.Arrays.copyOfRange(g, FROM, FROM + N), new long[] {1, N}, 'c');
            dl4j.applyUpdater(expected, step, 0);
            jvm.apply(g, FROM, FROM + N, state, step, 0);
            float[] e = expected.toFloatVector();
            float[] s = view.toFloatVector();
            for (int i = 0; i < N; i++) {
                assertEquals(e[i], g[FROM + i], 1e-6f * Math.max(1, Math.abs(e[i])), "update " + i + " at step " + step);
            }
            for (int i = 0; i < stateLength; i++) {
                assertEquals(s[i], state[i], 1e-6f * Math.max(1, Math.abs(s[i])), "state " + i + " at step " + step);
            }
        }
    }

    @Test
    void sgdMomentum_isKerasFormula() {
        // Keras: m = momentum * m - lr * g; w = w + m (the update subtracted is -m)
        double lr = 0.05;
        double momentum = 0.9;
        JvmUpdater jvm = JvmUpdater.of(new KerasSgdMomentum(lr, momentum));
        float[] state = new float[N];
        double[] m = new double[N];
        Random random = new Random(4);
        for (int step = 0; step < STEPS; step++) {
            float[] g = gradient(random);
            float[] before = g.clone();
            jvm.apply(g, FROM, FROM + N, state, step, 0);
            for (int i = 0; i < N; i++) {
                m[i] = momentum * m[i] - lr * before[FROM + i];
                assertEquals(-m[i], g[FROM + i], 1e-5, "update " + i + " at step " + step);
            }
        }
    }

    @Test
    void rmsprop_centeredWithMomentum_isKerasFormula() {
        // Keras: v = rho v + (1 - rho) g^2; centered: a = rho a + (1 - rho) g, denominator v - a^2;
        // inc = lr g / sqrt(denominator + eps); momentum: mom = momentum mom + inc, w -= mom
        double lr = 0.01;
        double rho = 0.8;
        double momentum = 0.5;
        double eps = 1e-3;
        JvmUpdater jvm = JvmUpdater.of(new KerasRmsProp(lr, rho, momentum, eps, true));
        float[] state = new float[3 * N];
        double[] v = new double[N];
        double[] a = new double[N];
        double[] mom = new double[N];
        Random random = new Random(5);
        for (int step = 0; step < STEPS; step++) {
            float[] g = gradient(random);
            float[] before = g.clone();
            jvm.apply(g, FROM, FROM + N, state, step, 0);
            for (int i = 0; i < N; i++) {
                double gi = before[FROM + i];
                v[i] = rho * v[i] + (1 - rho) * gi * gi;
                a[i] = rho * a[i] + (1 - rho) * gi;
                double inc = lr * gi / Math.sqrt(v[i] - a[i] * a[i] + eps);
                mom[i] = momentum * mom[i] + inc;
                assertEquals(mom[i], g[FROM + i], 1e-5, "update " + i + " at step " + step);
            }
        }
    }

    @Test
    void otherKerasUpdaters_stayDl4js() {
        assertNull(JvmUpdater.of(new KerasAdagrad()));
        assertInstanceOf(JvmUpdater.RmsPropUpdate.class, JvmUpdater.of(new KerasRmsProp(0.01, 0.9, 0, 1e-7, false)));
        assertInstanceOf(JvmUpdater.SgdMomentumUpdate.class, JvmUpdater.of(new KerasSgdMomentum(0.01, 0.9)));
    }
}
