package org.keras4j.backend;

import java.util.List;

/**
 * Makes OpenMP's idle threads sleep instead of spin ({@code OMP_WAIT_POLICY=passive}), so that
 * keras4j can give OpenMP every core without its waiting threads stealing the cores BLAS and
 * the JVM are working on.
 *
 * <p>oneDNN's kernels (convolutions, pooling, batch normalization, big matrix multiplies) run on
 * OpenMP's pool. By default libgomp's threads spin for a while after each parallel region; on 2
 * cores, two spinning OpenMP threads made the W1 MLP epoch 1.5x and the W3 LSTM epoch 2x slower,
 * so keras4j used to give OpenMP half the cores. With passive waiting, two OpenMP threads cost
 * the MLP and LSTM nothing and make big matrix multiplies and CNN inference faster. libgomp reads
 * the variable only when it is loaded, so {@link StartupHook} sets it ({@link NativeDefault});
 * {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} set by the user are kept.
 *
 * <pre>{@code
 * OpenMpWaitPolicy.passive();          // true in a JVM where keras4j's hook set it
 * OpenMpWaitPolicy.current().reason(); // why, for Backend.report()
 * }</pre>
 */
final class OpenMpWaitPolicy {
    static final NativeDefault DEFAULT = new NativeDefault("OpenMP", "libgomp", "OMP_WAIT_POLICY", "passive",
            List.of("GOMP_SPINCOUNT"));

    private OpenMpWaitPolicy() {
    }

    /** What the library reads in this process, and why. */
    static NativeDefault.Outcome current() {
        return DEFAULT.current();
    }

    /** Whether OpenMP's idle threads sleep in this process. */
    static boolean passive() {
        return isPassive(current());
    }

    /** Whether {@code o} makes OpenMP's idle threads sleep: a passive policy or a spin count of 0. */
    static boolean isPassive(NativeDefault.Outcome o) {
        if (o.variable() == null) {
            return false;
        }
        return o.variable().equals("GOMP_SPINCOUNT") ? o.value().equals("0") : o.value().equalsIgnoreCase("passive");
    }
}
