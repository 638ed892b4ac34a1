package org.keras4j.acceptance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keras4j.examples.ExerciseContext;

/**
 * Where the acceptance suite finds the reference data: the system property {@code keras4j.data}
 * (set by {@code .ci/run} and README's test command to {@code ../shared/data}).
 */
final class AcceptanceData {
    private AcceptanceData() {
    }

    /** The reference data directory; fails if the setting is missing or wrong. */
    static Path dir() {
        String setting = System.getProperty("keras4j.data", System.getenv("KERAS4J_DATA"));
        if (setting == null || setting.isBlank()) {
            throw new IllegalStateException("set -Dkeras4j.data=<path to shared/data> (README's test command does)");
        }
        Path dir = Path.of(setting);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("keras4j.data=" + dir + " is not a directory");
        }
        return dir;
    }

    /** An exercise context reading the reference data and printing into a buffer. */
    static ExerciseContext context() {
        return new ExerciseContext(new PrintWriter(new StringWriter(), true), dir());
    }
}
