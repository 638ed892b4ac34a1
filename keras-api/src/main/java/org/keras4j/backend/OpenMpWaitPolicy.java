package org.keras4j.backend;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Makes OpenMP's idle threads sleep instead of spin ({@code OMP_WAIT_POLICY=passive}), so that
 * keras4j can give OpenMP every core without its waiting threads stealing the cores BLAS and
 * the JVM are working on.
 *
 * <p>oneDNN's kernels (convolutions, pooling, batch normalization, big matrix multiplies) run on
 * OpenMP's pool. By default libgomp's threads spin for a while after each parallel region; on 2
 * cores, two spinning OpenMP threads made the W1 MLP epoch 1.5x and the W3 LSTM epoch 2x slower,
 * so keras4j used to give OpenMP half the cores. With passive waiting, two OpenMP threads cost
 * the MLP and LSTM nothing and make big matrix multiplies and CNN inference faster.
 *
 * <p>libgomp reads the variable once, when it is loaded, and Java cannot change its own
 * environment; so keras4j sets it with the C library's {@code setenv} (through JNA, which ND4J
 * already depends on) from {@link StartupHook}, which runs before ND4J loads libgomp. A value the
 * user gave ({@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} in the environment) is kept, and
 * {@code -Dkeras4j.autoconfigure=false} leaves OpenMP's default.
 *
 * <pre>{@code
 * OpenMpWaitPolicy.current().passive();   // true in a JVM where keras4j's hook set it
 * OpenMpWaitPolicy.current().reason();    // why, for Backend.report()
 * }</pre>
 */
final class OpenMpWaitPolicy {
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String SPIN_COUNT = "GOMP_SPINCOUNT";

    /** Sets a variable in the process's C environment. */
    @FunctionalInterface
    interface EnvironmentSetter {
        void set(String name, String value);
    }

    /** Whether OpenMP's idle threads sleep, and why. */
    record State(boolean passive, String reason) {
    }

    /** What the hook applied; null until it ran. */
    private static volatile State applied;

    private OpenMpWaitPolicy() {
    }

    /** Applies the policy to this process once; called by {@link StartupHook}. */
    static void applyOnce() {
        synchronized (OpenMpWaitPolicy.class) {
            if (applied == null) {
                applied = apply(System.getProperties(), System.getenv(), OpenMpWaitPolicy::openMpLoaded,
                        OpenMpWaitPolicy::setenv);
            }
        }
    }

    /** The policy OpenMP runs with in this process. */
    static State current() {
        State s = applied;
        return s != null ? s : fromUser(System.getenv(), "keras4j's start-up hook has not run");
    }

    /**
     * Sets {@code OMP_WAIT_POLICY=passive} through {@code setter} unless the user chose a policy,
     * keras4j's autoconfiguration is off, or OpenMP is already loaded (too late to matter).
     */
    static State apply(Properties props, Map<String, String> env, BooleanSupplier openMpLoaded,
                       EnvironmentSetter setter) {
        State user = fromUser(env, null);
        if (user != null) {
            return user;
        }
        if ("false".equalsIgnoreCase(props.getProperty(Backend.AUTOCONFIGURE_PROPERTY))) {
            return new State(false, Backend.AUTOCONFIGURE_PROPERTY + "=false: OpenMP's default");
        }
        if (openMpLoaded.getAsBoolean()) {
            return new State(false, "OpenMP was loaded before keras4j's start-up hook ran: OpenMP's default");
        }
        try {
            setter.set(WAIT_POLICY, "passive");
        } catch (RuntimeException | LinkageError e) {
            return new State(false, "could not set " + WAIT_POLICY + " (" + e + "): OpenMP's default");
        }
        return new State(true, "keras4j default: " + WAIT_POLICY + "=passive, set before OpenMP started");
    }

    /** The user's choice in {@code env}, or {@code otherwise} (null: none) when there is none. */
    private static State fromUser(Map<String, String> env, String otherwise) {
        String policy = env.get(WAIT_POLICY);
        if (policy != null && !policy.isBlank()) {
            return new State(policy.trim().equalsIgnoreCase("passive"), "environment " + WAIT_POLICY + "=" + policy);
        }
        String spin = env.get(SPIN_COUNT);
        if (spin != null && !spin.isBlank()) {
            return new State(spin.trim().equals("0"), "environment " + SPIN_COUNT + "=" + spin);
        }
        return otherwise == null ? null : new State(false, otherwise + ": OpenMP's default");
    }

    private static boolean openMpLoaded() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .anyMatch(l -> l.contains("libgomp") || l.contains("libiomp") || l.contains("libomp"));
        } catch (IOException | RuntimeException e) {
            return false; // not Linux: nothing loaded it yet as far as we can tell
        }
    }

    private static void setenv(String name, String value) {
        int rc = NativeLibrary.getProcess().getFunction("setenv").invokeInt(new Object[] {name, value, 1});
        if (rc != 0) {
            throw new IllegalStateException("setenv(" + name + ") returned " + rc);
        }
    }
}
