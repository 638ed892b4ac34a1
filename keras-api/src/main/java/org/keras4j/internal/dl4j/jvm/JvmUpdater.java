package org.keras4j.internal.dl4j.jvm;

import org.keras4j.internal.dl4j.updaters.HostAdam;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * DL4J's SGD and Adam updates computed on the JVM, in float, on a host copy of the updater
 * block's state: the formulas of libnd4j's {@code sgd_updater} and {@code adam_updater}
 * operations, which DL4J's {@code SgdUpdater} and {@code AdamUpdater} run (one native operation
 * per step, 15-35 µs to dispatch, several times the arithmetic of a course-size network). Any
 * other updater stays DL4J's.
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
        }
        return null;
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
