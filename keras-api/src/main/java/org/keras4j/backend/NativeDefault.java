package org.keras4j.backend;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An environment variable that tunes a native library and that the library reads only once, when
 * it is loaded; keras4j sets it in the process's C environment (the C library's {@code setenv},
 * through JNA, which ND4J already depends on) from {@link StartupHook}, before ND4J loads the
 * library. Java cannot change its own environment otherwise. A value the user gave, in the
 * variable or in one of {@code userVariables} (other spellings that decide the same thing), is
 * kept, and {@code -Dkeras4j.autoconfigure=false} leaves the library's default.
 *
 * <pre>{@code
 * NativeDefault timeout = new NativeDefault("OpenBLAS", "libopenblas", "OPENBLAS_THREAD_TIMEOUT", "21", List.of());
 * timeout.applyOnce();         // from StartupHook
 * timeout.current().value();   // "21", unless the user set the variable
 * }</pre>
 */
final class NativeDefault {
    /** Sets a variable in the process's C environment. */
    @FunctionalInterface
    interface EnvironmentSetter {
        void set(String name, String value);
    }

    /**
     * What the library reads and why.
     *
     * @param variable the variable that decides, or null when the library runs with its default
     * @param value its value, or null
     * @param reason why, for {@link Backend#report()}
     */
    record Outcome(String variable, String value, String reason) {
        /** The outcome when nothing was set, e.g. before the start-up hook ran. */
        static Outcome libraryDefault(String library, String why) {
            return new Outcome(null, null, why + ": " + library + "'s default");
        }
    }

    private final String library;
    private final String fileMarker;
    private final String variable;
    private final String value;
    private final List<String> userVariables;
    /** What applyOnce() did; null until it ran. */
    private volatile Outcome applied;

    /**
     * @param library the library's name, for messages
     * @param fileMarker a part of the library's file name, to tell whether it is loaded already
     * @param variable the variable keras4j sets
     * @param value the value keras4j sets
     * @param userVariables other variables that, when the user set one, mean keras4j sets nothing
     */
    NativeDefault(String library, String fileMarker, String variable, String value, List<String> userVariables) {
        this.library = library;
        this.fileMarker = fileMarker;
        this.variable = variable;
        this.value = value;
        this.userVariables = List.copyOf(userVariables);
    }

    /** Applies this default to the process once; called by {@link StartupHook}. */
    synchronized void applyOnce() {
        if (applied == null) {
            applied = apply(System.getProperties(), System.getenv(), NativeDefault::loaded, NativeDefault::setenv);
        }
    }

    /** What the library reads in this process, and why. */
    Outcome current() {
        Outcome o = applied;
        if (o != null) {
            return o;
        }
        Outcome user = fromUser(System.getenv());
        return user != null ? user : Outcome.libraryDefault(library, "keras4j's start-up hook has not run");
    }

    /**
     * Sets the variable to the value through {@code setter} unless the user chose, keras4j's
     * autoconfiguration is off, or the library is loaded already (too late to matter).
     *
     * @param loaded tells whether a library whose file name contains the marker is loaded
     */
    Outcome apply(Properties props, Map<String, String> env, Predicate<String> loaded, EnvironmentSetter setter) {
        Outcome user = fromUser(env);
        if (user != null) {
            return user;
        }
        if (Backend.autoconfigureOff(props)) {
            return Outcome.libraryDefault(library, Backend.AUTOCONFIGURE_PROPERTY + "=false");
        }
        if (loaded.test(fileMarker)) {
            return Outcome.libraryDefault(library, library + " was loaded before keras4j's start-up hook ran");
        }
        try {
            setter.set(variable, value);
        } catch (RuntimeException | LinkageError e) {
            return Outcome.libraryDefault(library, "could not set " + variable + " (" + e + ")");
        }
        return new Outcome(variable, value, "keras4j default: " + variable + "=" + value + ", set before "
                + library + " started");
    }

    /** The user's choice in {@code env}, or null when there is none. */
    Outcome fromUser(Map<String, String> env) {
        for (String name : names()) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return new Outcome(name, v.trim(), "environment " + name + "=" + v);
            }
        }
        return null;
    }

    private List<String> names() {
        return Stream.concat(Stream.of(variable), userVariables.stream()).toList();
    }

    /** Whether a library whose file name contains {@code marker} is mapped into this process. */
    static boolean loaded(String marker) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.contains(marker));
        } catch (IOException | RuntimeException e) {
            return false; // not Linux: nothing loaded it yet as far as we can tell
        }
    }

    /** The C library's {@code setenv(name, value, 1)}. */
    static void setenv(String name, String value) {
        int rc = NativeLibrary.getProcess().getFunction("setenv").invokeInt(new Object[] {name, value, 1});
        if (rc != 0) {
            throw new IllegalStateException("setenv(" + name + ") returned " + rc);
        }
    }
}
