package org.keras4j.internal.dl4j.jvm;

import org.keras4j.internal.dl4j.updaters.HostAdam;
import org.keras4j.internal.dl4j.updaters.KerasRmsProp;
import org.keras4j.internal.dl4j.updaters.KerasSgdMomentum;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * DL4J's SGD and Adam updates computed on the JVM, in float, on a host copy of the updater
 * block's state: the formulas of libnd4j's {@code sgd_updater} and {@code adam_updater}
 * operations, which DL4J's {@code SgdUpdater} and {@code AdamUpdater} run (one native operation
 * per step, 15-35 µs to dispatch, several times the arithmetic of a course-size network); and
 * keras4j's Keras-exact SGD with momentum and RMSprop, as their ND4J operations round (five to
 * ten operations per step). Any other updater stays DL4J's.
 *
 * <pre>{@code
 * JvmUpdater adam = JvmUpdater.of(block.getGradientUpdater().getConfig());   // null: run DL4J's
 * adam.apply(gradient, from, to, state, iteration, epoch);                     // gradient becomes the update
 * }</pre>
 */
sealed interface JvmUpdater {

    /**
     * Turns {@code g[from, to)}, the block's mean gradient, into the update DL4J subtracts from
     * the parameters, updating {@code state} (the block's updater state, as DL4J lays it out).
     */
    void apply(float[] g, int from, int to, float[] state, int iteration, int epoch);

    /** The JVM form of an updater configuration, or null for one this does not compute (only the exact classes). */
    static JvmUpdater of(IUpdater config) {
        if (config.getClass() == Sgd.class) {
            return new SgdUpdate((Sgd) config);
        } else if (config.getClass() == Adam.class || config.getClass() == HostAdam.class) {
            return new AdamUpdate((Adam) config);
        } else if (config.getClass() == KerasSgdMomentum.class) {
            return new SgdMomentumUpdate((KerasSgdMomentum) config);
        } else if (config.getClass() == KerasRmsProp.class) {
            return new RmsPropUpdate((KerasRmsProp) config);
        }
        return null;
    }

    /**
     * Keras's SGD with momentum as {@link KerasSgdMomentum} computes it in ND4J's float
     * operations, each rounded as there: {@code m = m*momentum - g*lr; update = -m}. The state is {@code m}.
     */
    record SgdMomentumUpdate(KerasSgdMomentum config) implements JvmUpdater {
        @Override
        public void apply(float[] g, int from, int to, float[] state, int iteration, int epoch) {
            float lr = (float) config.getLearningRate(iteration, epoch);
            float momentum = (float) config.getMomentum();
            for (int i = from, s = 0; i < to; i++, s++) {
                float m = state[s] * momentum - g[i] * lr;
                state[s] = m;
                g[i] = -m;
            }
        }
    }

    /**
     * Keras's RMSprop as {@link KerasRmsProp} computes it in ND4J's float operations, each rounded
     * as there: {@code v = v*rho + g*g*(1-rho)}; centered, {@code a = a*rho + g*(1-rho)} and the
     * denominator {@code sqrt(v - a*a + eps)}, else {@code sqrt(v + eps)}; {@code inc = g*lr / denominator};
     * with momentum {@code mom = mom*momentum + inc} is the update. The state is {@code v}, then
     * {@code mom} when momentum > 0, then {@code a} when centered, each as long as the block.
     */
    record RmsPropUpdate(KerasRmsProp config) implements JvmUpdater {
        @Override
        public void apply(float[] g, int from, int to, float[] state, int iteration, int epoch) {
            int n = to - from;
            float lr = (float) config.getLearningRate(iteration, epoch);
            float rho = (float) config.getRho();
            float oneMinusRho = (float) (1 - config.getRho());
            float epsilon = (float) config.getEpsilon();
            float momentum = (float) config.getMomentum();
            boolean withMomentum = config.getMomentum() > 0;
            int mom = n;
            int avg = withMomentum ? 2 * n : n;
            for (int i = from, s = 0; i < to; i++, s++) {
                float gi = g[i];
                float v = state[s] * rho + gi * gi * oneMinusRho;
                state[s] = v;
                float denominator;
                if (config.isCentered()) {
                    float a = state[avg + s] * rho + gi * oneMinusRho;
                    state[avg + s] = a;
                    denominator = v - a * a + epsilon;
                } else {
                    denominator = v + epsilon;
                }
                float inc = gi * lr / (float) Math.sqrt(denominator);
                if (withMomentum) {
                    inc = state[mom + s] * momentum + inc;
                    state[mom + s] = inc;
                }
                g[i] = inc;
            }
        }
    }

    /** {@code update = lr g}. */
    record SgdUpdate(Sgd config) implements JvmUpdater {
        @Override
        public void apply(float[] g, int from, int to, float[] state, int iteration, int epoch) {
            float lr = (float) config.getLearningRate(iteration, epoch);
            for (int i = from; i < to; i++) {
                g[i] *= lr;
            }
        }
    }

    /** libnd4j's Adam ({@link HostAdam#step}); the state is {@code m} then {@code v}. */
    final class AdamUpdate implements JvmUpdater {
        private final Adam config;
        private float[] g;
        private float[] m;
        private float[] v;

        AdamUpdate(Adam config) {
            this.config = config;
        }

        @Override
        public void apply(float[] gradient, int from, int to, float[] state, int iteration, int epoch) {
            int n = to - from;
            if (m == null || m.length != n) {
                g = new float[n];
                m = new float[n];
                v = new float[n];
            }
            // three separate arrays indexed alike: HostAdam.step's loop vectorizes
            System.arraycopy(gradient, from, g, 0, n);
            System.arraycopy(state, 0, m, 0, n);
            System.arraycopy(state, n, v, 0, n);
            HostAdam.step(config, iteration, epoch, g, m, v, n);
            System.arraycopy(g, 0, gradient, from, n);
            System.arraycopy(m, 0, state, 0, n);
            System.arraycopy(v, 0, state, n, n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AdamUpdate other && other.config.equals(config);
        }

        @Override
        public int hashCode() {
            return config.hashCode();
        }
    }
}
