package org.keras4j.backend;

import java.util.Properties;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Turns off JavaCPP's resident-memory check before JavaCPP starts. With a physical-memory limit
 * set (JavaCPP's default: twice the heap), every native allocation reads the process's resident
 * memory from {@code /proc} (about 2.5 µs), and ND4J makes several allocations per op: a
 * batch-4 training step of a small MLP ran 1.5x slower with the check. Memory stays bounded
 * without it: JavaCPP's limit on the native memory it tracks ({@code maxbytes}, the heap size)
 * still holds, and {@link NativeMemoryGuard} collects garbage in keras4j's loops when resident
 * memory grows.
 *
 * <p>JavaCPP reads {@code org.bytedeco.javacpp.maxphysicalbytes} once, when ND4J first uses it,
 * which is usually before any keras4j code runs (a program loads its data first). The one
 * earlier point is ND4J's backend discovery, a {@code ServiceLoader} over {@link Nd4jBackend}:
 * keras4j registers this class there. It is never available and ranks below every real
 * backend, so ND4J only instantiates it (which applies the setting) and then loads its CPU or
 * CUDA backend as before. A value the user set, in either spelling, is kept, and
 * {@code -Dkeras4j.autoconfigure=false} leaves JavaCPP's default.
 *
 * <pre>{@code
 * Pointer.maxPhysicalBytes();   // 0 in a JVM with keras4j on the class path
 * JavaCppDefaults.describe();   // what was chosen and why, for Backend.report()
 * }</pre>
 */
public final class JavaCppDefaults extends Nd4jBackend {
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The spelling JavaCPP also accepts. */
    static final String MAX_PHYSICAL_BYTES_CAMEL = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** Why the property has its value; null until ND4J's discovery instantiated this class. */
    private static volatile String reason;

    /** For ND4J's {@code ServiceLoader}. */
    public JavaCppDefaults() {
        synchronized (JavaCppDefaults.class) {
            if (reason == null) {
                reason = apply(System.getProperties());
            }
        }
    }

    /**
     * Sets {@code maxphysicalbytes=0} in {@code props} unless the user set it or turned keras4j's
     * autoconfiguration off; returns why the property has its value.
     */
    static String apply(Properties props) {
        for (String key : new String[] {MAX_PHYSICAL_BYTES, MAX_PHYSICAL_BYTES_CAMEL}) {
            String v = props.getProperty(key);
            if (v != null) {
                return "system property " + key + "=" + v;
            }
        }
        if ("false".equalsIgnoreCase(props.getProperty(Backend.AUTOCONFIGURE_PROPERTY))) {
            return Backend.AUTOCONFIGURE_PROPERTY + "=false: JavaCPP's default";
        }
        props.setProperty(MAX_PHYSICAL_BYTES, "0");
        return "keras4j default (" + MAX_PHYSICAL_BYTES + "=0)";
    }

    /** One line for {@link Backend#report()}: whether the check is on in this JVM, and why. */
    static String describe() {
        long limit = Pointer.maxPhysicalBytes();
        String why = reason == null ? "ND4J started before keras4j's hook ran" : reason;
        return (limit == 0 ? "off" : "on, limit " + limit / (1L << 20) + " MiB, read on every native allocation")
                + " (" + why + ")";
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
        throw new UnsupportedOperationException("keras4j's JavaCPP settings hook is not an ND4J backend");
    }

    @Override
    public Class getNDArrayClass() {
        throw new UnsupportedOperationException("keras4j's JavaCPP settings hook is not an ND4J backend");
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("keras4j's JavaCPP settings hook is not an ND4J backend");
    }

    @Override
    public String buildInfo() {
        return "keras4j JavaCPP settings hook (not a backend)";
    }

    @Override
    public void logBackendInit() {
        // never loaded as a backend
    }
}
