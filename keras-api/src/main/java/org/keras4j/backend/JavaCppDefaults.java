package org.keras4j.backend;

import java.util.Properties;
import org.bytedeco.javacpp.Pointer;

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
 * so {@link StartupHook} applies this during ND4J's backend discovery. A value the user set, in
 * either spelling, is kept, and {@code -Dkeras4j.autoconfigure=false} leaves JavaCPP's default.
 *
 * <pre>{@code
 * Pointer.maxPhysicalBytes();   // 0 in a JVM with keras4j on the class path
 * JavaCppDefaults.describe();   // what was chosen and why, for Backend.report()
 * }</pre>
 */
final class JavaCppDefaults {
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The spelling JavaCPP also accepts. */
    static final String MAX_PHYSICAL_BYTES_CAMEL = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** Why the property has its value; null until the start-up hook ran. */
    private static volatile String reason;

    private JavaCppDefaults() {
    }

    /** Applies the setting to the system properties once; called by {@link StartupHook}. */
    static void applyOnce() {
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
        if (Backend.autoconfigureOff(props)) {
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
}
