package org.keras4j.backend;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Applies the keras4j settings that only take effect before ND4J loads its native libraries:
 * JavaCPP's resident-memory check ({@link JavaCppDefaults}), OpenMP's wait policy
 * ({@link OpenMpWaitPolicy}), OpenBLAS's thread timeout ({@link OpenBlasThreadTimeout}) and the
 * CPU backend's GC-safe operation executioner ({@link GcSafeExecutionerDefault}).
 *
 * <p>All are read once, when ND4J first loads JavaCPP and libnd4j, which is usually before any
 * keras4j code runs (a program loads its data first). The one earlier point is ND4J's backend
 * discovery, a {@code ServiceLoader} over {@link Nd4jBackend}: keras4j registers this class
 * there. It is never available and ranks below every real backend, so ND4J only instantiates it
 * (which applies the settings) and then loads its CPU or CUDA backend as before.
 *
 * <pre>{@code
 * Nd4j.create(2, 2);   // ND4J's discovery instantiated StartupHook first
 * }</pre>
 */
public final class StartupHook extends Nd4jBackend {

    /** For ND4J's {@code ServiceLoader}. */
    public StartupHook() {
        JavaCppDefaults.applyOnce();
        OpenMpWaitPolicy.DEFAULT.applyOnce();
        OpenBlasThreadTimeout.DEFAULT.applyOnce();
        GcSafeExecutionerDefault.applyOnce();
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public int getPriority() {
        return -1000; // below ND4J's CPU (0) and GPU (100) backends; not MIN_VALUE: ND4J sorts by subtraction
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("keras4j's start-up hook is not an ND4J backend");
    }

    @Override
    public Class getNDArrayClass() {
        throw new UnsupportedOperationException("keras4j's start-up hook is not an ND4J backend");
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("keras4j's start-up hook is not an ND4J backend");
    }

    @Override
    public String buildInfo() {
        return "keras4j start-up hook (not a backend)";
    }

    @Override
    public void logBackendInit() {
        // never loaded as a backend
    }
}
