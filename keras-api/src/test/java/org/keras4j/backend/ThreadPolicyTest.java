package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadPolicyTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void twoCores_defaultsToOneLibnd4jAndOneOpenMpThread() {
        ThreadPolicy.Settings s = ThreadPolicy.choose(2, k -> null, NO_ENV);
        assertEquals(1, s.nd4j().value());
        assertEquals(1, s.omp().value());
        assertTrue(s.nd4j().source().contains("default"), s.nd4j().source());
    }

    @Test
    void defaults_blasGetsAllTheCores() {
        assertEquals(2, ThreadPolicy.choose(2, k -> null, NO_ENV).blas().value());
        assertEquals(16, ThreadPolicy.choose(16, k -> null, NO_ENV).blas().value());
        assertEquals("keras4j default: all 16 cores", ThreadPolicy.choose(16, k -> null, NO_ENV).blas().source());
    }

    @Test
    void sixteenCores_givesLibnd4jAndOpenMpHalf() {
        ThreadPolicy.Settings s = ThreadPolicy.choose(16, k -> null, NO_ENV);
        assertEquals(8, s.nd4j().value());
        assertEquals(8, s.omp().value());
    }

    @Test
    void oneCore_getsOneThreadEverywhere() {
        ThreadPolicy.Settings s = ThreadPolicy.choose(1, k -> null, NO_ENV);
        assertEquals(1, s.nd4j().value());
        assertEquals(1, s.omp().value());
        assertEquals(1, s.blas().value());
    }

    @Test
    void systemProperties_overrideEachPool() {
        Map<String, String> props = Map.of(ThreadPolicy.ND4J_PROPERTY, "3", ThreadPolicy.OMP_PROPERTY, "4",
                ThreadPolicy.BLAS_PROPERTY, "5");
        ThreadPolicy.Settings s = ThreadPolicy.choose(2, props::get, Map.of("OMP_NUM_THREADS", "7"));
        assertEquals(3, s.nd4j().value());
        assertEquals(4, s.omp().value());
        assertEquals(5, s.blas().value());
        assertEquals("system property keras4j.threads.blas", s.blas().source());
    }

    @Test
    void environmentVariables_areKept() {
        ThreadPolicy.Settings s = ThreadPolicy.choose(8, k -> null,
                Map.of("OMP_NUM_THREADS", "3", "OPENBLAS_NUM_THREADS", "2"));
        assertEquals(3, s.nd4j().value());
        assertEquals(3, s.omp().value());
        assertEquals(2, s.blas().value());
        assertEquals("environment OPENBLAS_NUM_THREADS", s.blas().source());
    }

    @Test
    void mklNumThreads_setsBlasWhenOpenBlasVariableIsAbsent() {
        assertEquals(6, ThreadPolicy.choose(8, k -> null, Map.of("MKL_NUM_THREADS", "6")).blas().value());
    }

    @Test
    void unparsableEnvironmentVariable_isIgnored() {
        assertEquals(4, ThreadPolicy.choose(8, k -> null, Map.of("OMP_NUM_THREADS", "many")).omp().value());
    }

    @Test
    void badProperty_throwsNamingPropertyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreadPolicy.choose(2, k -> k.equals(ThreadPolicy.BLAS_PROPERTY) ? "0" : null, NO_ENV));
        assertTrue(e.getMessage().contains("keras4j.threads.blas") && e.getMessage().contains("'0'"), e.getMessage());
    }

    @Test
    void nonPositiveCores_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreadPolicy.choose(0, k -> null, NO_ENV));
        assertTrue(e.getMessage().contains("cores"), e.getMessage());
    }
}
