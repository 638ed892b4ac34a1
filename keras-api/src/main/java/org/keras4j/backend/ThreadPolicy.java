package org.keras4j.backend;

import java.util.Map;
import java.util.function.Function;

/**
 * Chooses the thread counts of ND4J's three CPU thread pools: libnd4j's own pool (element-wise
 * ops), OpenMP (oneDNN kernels and libnd4j's OpenMP loops) and BLAS (matrix multiplies).
 *
 * <p>Each pool defaults to the core count, and the waiting threads of libnd4j's pool and of
 * OpenMP spin, so on a small machine they fight over the same cores (and with the JVM's own
 * threads): on 2 cores the W1 MLP epoch ran 2 to 5 times slower with ND4J's defaults than with
 * one thread per pool. keras4j therefore gives libnd4j's pool half the cores (at least one).
 * OpenMP gets all the cores when its idle threads sleep ({@link OpenMpWaitPolicy}, keras4j's
 * default), so oneDNN kernels use every core; when they spin, half. BLAS keeps all the cores:
 * OpenBLAS uses one thread for small products, and on 2 cores its second thread made W1
 * inference (batches of 1000) 1.45x faster without slowing training. A system property
 * overrides each choice; an environment variable the user set (OMP_NUM_THREADS,
 * OPENBLAS_NUM_THREADS, MKL_NUM_THREADS) is kept.
 *
 * <pre>{@code
 * ThreadPolicy.Settings s = ThreadPolicy.choose(2, System::getProperty, System.getenv(), true);
 * s.nd4j().value();   // 1 on a 2-core machine
 * s.omp().value();    // 2 on a 2-core machine, with OpenMP's idle threads sleeping
 * s.blas().value();   // 2 on a 2-core machine
 * }</pre>
 */
final class ThreadPolicy {
    static final String ND4J_PROPERTY = "keras4j.threads.nd4j";
    static final String OMP_PROPERTY = "keras4j.threads.omp";
    static final String BLAS_PROPERTY = "keras4j.threads.blas";

    private ThreadPolicy() {
    }

    /** One chosen thread count and why it was chosen. */
    record Choice(int value, String source) {
        @Override
        public String toString() {
            return value + " (" + source + ")";
        }
    }

    /** The three thread counts. */
    record Settings(Choice nd4j, Choice omp, Choice blas) {
    }

    /**
     * Chooses thread counts for a machine with {@code cores} cores.
     *
     * @param properties looks up system properties (e.g. {@code System::getProperty})
     * @param env the process environment (e.g. {@code System.getenv()})
     * @param openMpIdleSleeps whether OpenMP's idle threads sleep ({@code OMP_WAIT_POLICY=passive})
     * @throws IllegalArgumentException if {@code cores} is not positive, or a keras4j thread
     *     property is not a positive integer
     */
    static Settings choose(int cores, Function<String, String> properties, Map<String, String> env,
                           boolean openMpIdleSleeps) {
        if (cores <= 0) {
            throw new IllegalArgumentException("cores must be positive, got " + cores);
        }
        int half = Math.max(1, cores / 2);
        Choice nd4j = fromProperty(properties, ND4J_PROPERTY);
        if (nd4j == null) {
            nd4j = fromEnv(env, "OMP_NUM_THREADS");
        }
        if (nd4j == null) {
            nd4j = new Choice(half, "keras4j default: half of " + cores + " cores");
        }
        Choice omp = fromProperty(properties, OMP_PROPERTY);
        if (omp == null) {
            omp = fromEnv(env, "OMP_NUM_THREADS");
        }
        if (omp == null) {
            omp = openMpIdleSleeps
                    ? new Choice(cores, "keras4j default: all " + cores + " cores, idle OpenMP threads sleep")
                    : new Choice(half, "keras4j default: half of " + cores + " cores, idle OpenMP threads spin");
        }
        Choice blas = fromProperty(properties, BLAS_PROPERTY);
        if (blas == null) {
            blas = fromEnv(env, "OPENBLAS_NUM_THREADS");
        }
        if (blas == null) {
            blas = fromEnv(env, "MKL_NUM_THREADS");
        }
        if (blas == null) {
            blas = new Choice(cores, "keras4j default: all " + cores + " cores");
        }
        return new Settings(nd4j, omp, blas);
    }

    private static Choice fromProperty(Function<String, String> properties, String name) {
        String v = properties.apply(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        Integer n = parsePositive(v);
        if (n == null) {
            throw new IllegalArgumentException(
                    "System property " + name + " must be a positive integer, got '" + v + "'");
        }
        return new Choice(n, "system property " + name);
    }

    private static Choice fromEnv(Map<String, String> env, String name) {
        String v = env.get(name);
        Integer n = v == null ? null : parsePositive(v);
        // an unparsable variable is ignored, as libnd4j and OpenBLAS ignore it
        return n == null ? null : new Choice(n, "environment " + name);
    }

    private static Integer parsePositive(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
