package org.keras4j.backend;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J's CPU backend start with {@link GcSafeCpuExecutioner}, through ND4J's own
 * {@code opexec} setting, which ND4J reads once, when it starts; {@link StartupHook} applies
 * this during ND4J's backend discovery. It is a safety fix, not a tuning choice, so
 * {@code -Dkeras4j.autoconfigure=false} keeps it; an {@code opexec} the user set is kept, and it
 * is left alone when the CUDA backend is on the class path (it would win over the CPU one).
 *
 * <pre>{@code
 * GcSafeExecutionerDefault.applyOnce();   // from StartupHook
 * GcSafeExecutionerDefault.describe();    // for Backend.report()
 * }</pre>
 */
final class GcSafeExecutionerDefault {
    /** ND4J's property naming its operation executioner class. */
    static final String OP_EXECUTIONER = "opexec";
    static final String CPU_EXECUTIONER = "org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner";
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** Why the property has its value; null until the start-up hook ran. */
    private static volatile String reason;

    private GcSafeExecutionerDefault() {
    }

    /** Applies the setting to the system properties once; called by {@link StartupHook}. */
    static void applyOnce() {
        synchronized (GcSafeExecutionerDefault.class) {
            if (reason == null) {
                reason = apply(System.getProperties(), present(CPU_EXECUTIONER), present(CUDA_BACKEND));
            }
        }
    }

    /** Sets {@code opexec} in {@code props} when the CPU backend will load and the user chose none. */
    static String apply(Properties props, boolean cpuBackendPresent, boolean cudaBackendPresent) {
        String v = props.getProperty(OP_EXECUTIONER);
        if (v != null) {
            return "system property " + OP_EXECUTIONER + "=" + v;
        }
        if (!cpuBackendPresent || cudaBackendPresent) {
            return "not the CPU backend: ND4J's own executioner";
        }
        props.setProperty(OP_EXECUTIONER, GcSafeCpuExecutioner.class.getName());
        return "keras4j default";
    }

    /** One line for {@link Backend#report()}: which executioner runs, and why. */
    static String describe() {
        String name = Nd4j.getExecutioner().getClass().getName();
        boolean safe = name.equals(GcSafeCpuExecutioner.class.getName());
        String why = reason == null ? "ND4J started before keras4j's hook ran" : reason;
        return (safe ? "operations kept reachable during native calls" : name + ", not GC-safe") + " (" + why + ")";
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, GcSafeExecutionerDefault.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
