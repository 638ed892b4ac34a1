package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ThreadPolicyTest {
    private static final Map<String, String> NO_ENV = Map.of();

    /** Choices when OpenMP's idle threads spin (OpenMP's own default). */
    private static ThreadPolicy.Settings spinning(int cores, Function<String, String> props, Map<String, String> env) {
        return ThreadPolicy.choose(cores, props, env, false);
    }

    @Test
    void idleOpenMpThreadsSleep_openMpGetsAllTheCores_libnd4jStillHalf() {
        ThreadPolicy.Settings s = ThreadPolicy.choose(2, k -> null, NO_ENV, true);
        assertEquals(1, s.nd4j().value());
        assertEquals(2, s.omp().value());
        assertEquals("keras4j default: all 2 cores, idle OpenMP threads sleep", s.omp().source());
        assertEquals(16, ThreadPolicy.choose(16, k -> null, NO_ENV, true).omp().value());
    }

    @Test
    void idleOpenMpThreadsSleep_userChoicesStillWin() {
        assertEquals(1, ThreadPolicy.choose(2, k -> null, Map.of("OMP_NUM_THREADS", "1"), true).omp().value());
        assertEquals(3, ThreadPolicy.choose(2, Map.of(ThreadPolicy.OMP_PROPERTY, "3")::get, NO_ENV, true)
                .omp().value());
    }

    @Test
    void spinning_twoCores_defaultsToOneLibnd4jAndOneOpenMpThread() {
        ThreadPolicy.Settings s = spinning(2, k -> null, NO_ENV);
        assertEquals(1, s.nd4j().value());
        assertEquals(1, s.omp().value());
        assertTrue(s.nd4j().source().contains("default"), s.nd4j().source());
    }

    @Test
    void defaults_blasGetsAllTheCores() {
        assertEquals(2, spinning(2, k -> null, NO_ENV).blas().value());
        assertEquals(16, spinning(16, k -> null, NO_ENV).blas().value());
        assertEquals("keras4j default: all 16 cores", spinning(16, k -> null, NO_ENV).blas().source());
    }

    @Test
    void spinning_sixteenCores_givesLibnd4jAndOpenMpHalf() {
        ThreadPolicy.Settings s = spinning(16, k -> null, NO_ENV);
        assertEquals(8, s.nd4j().value());
        assertEquals(8, s.omp().value());
    }

    @Test
    void oneCore_getsOneThreadEverywhere() {
        ThreadPolicy.Settings s = spinning(1, k -> null, NO_ENV);
        assertEquals(1, s.nd4j().value());
        assertEquals(1, s.omp().value());
        assertEquals(1, s.blas().value());
    }

    @Test
    void systemProperties_overrideEachPool() {
        Map<String, String> props = Map.of(ThreadPolicy.ND4J_PROPERTY, "3", ThreadPolicy.OMP_PROPERTY, "4",
                ThreadPolicy.BLAS_PROPERTY, "5");
        ThreadPolicy.Settings s = spinning(2, props::get, Map.of("OMP_NUM_THREADS", "7"));
        assertEquals(3, s.nd4j().value());
        assertEquals(4, s.omp().value());
        assertEquals(5, s.blas().value());
        assertEquals("system property keras4j.threads.blas", s.blas().source());
    }

    @Test
    void environmentVariables_areKept() {
        ThreadPolicy.Settings s = spinning(8, k -> null,
                Map.of("OMP_NUM_THREADS", "3", "OPENBLAS_NUM_THREADS", "2"));
        assertEquals(3, s.nd4j().value());
        assertEquals(3, s.omp().value());
        assertEquals(2, s.blas().value());
        assertEquals("environment OPENBLAS_NUM_THREADS", s.blas().source());
    }

    @Test
    void mklNumThreads_setsBlasWhenOpenBlasVariableIsAbsent() {
        assertEquals(6, spinning(8, k -> null, Map.of("MKL_NUM_THREADS", "6")).blas().value());
    }

    @Test
    void unparsableEnvironmentVariable_isIgnored() {
        assertEquals(4, spinning(8, k -> null, Map.of("OMP_NUM_THREADS", "many")).omp().value());
    }

    @Test
    void badProperty_throwsNamingPropertyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spinning(2, k -> k.equals(ThreadPolicy.BLAS_PROPERTY) ? "0" : null, NO_ENV));
        assertTrue(e.getMessage().contains("keras4j.threads.blas") && e.getMessage().contains("'0'"), e.getMessage());
    }

    @Test
    void nonPositiveCores_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spinning(0, k -> null, NO_ENV));
        assertTrue(e.getMessage().contains("cores"), e.getMessage());
    }
}
