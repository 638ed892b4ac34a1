package org.keras4j.backend;

import java.util.List;

/**
 * Lets OpenBLAS's idle worker threads go to sleep after about a millisecond
 * ({@code OPENBLAS_THREAD_TIMEOUT=21}: 2^21 cycles) instead of OpenBLAS's default 2^28 cycles
 * (about a tenth of a second), during which they spin on {@code sched_yield}.
 *
 * <p>keras4j gives BLAS every core, but most of a training step is not a BLAS call: between
 * calls a spinning OpenBLAS worker took a core from oneDNN and the JVM. On 2 cores it was a third
 * of the samples of the course CNN's profile, mostly kernel time; with the shorter timeout the
 * process's system time halved, and W1 training, the CNN and big matrix multiplies got faster,
 * while the LSTM's back-to-back small multiplies still find the worker awake (a timeout of 2^4
 * cycles made them slower). OpenBLAS reads the variable only when it is loaded, so
 * {@link StartupHook} sets it ({@link NativeDefault}); a value the user set is kept.
 *
 * <pre>{@code
 * OpenBlasThreadTimeout.current().reason();   // for Backend.report()
 * }</pre>
 */
final class OpenBlasThreadTimeout {
    static final NativeDefault DEFAULT = new NativeDefault("OpenBLAS", "libopenblas", "OPENBLAS_THREAD_TIMEOUT", "21",
            List.of());

    private OpenBlasThreadTimeout() {
    }

    /** What the library reads in this process, and why. */
    static NativeDefault.Outcome current() {
        return DEFAULT.current();
    }
}
