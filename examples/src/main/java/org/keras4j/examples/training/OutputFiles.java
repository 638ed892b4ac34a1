package org.keras4j.examples.training;

import java.nio.file.Path;

/**
 * Where the training exercises write their plots: {@code -Dkeras4j.output=DIR}, else the
 * environment variable {@code KERAS4J_OUTPUT}, else {@code keras4j-output} in the working directory.
 *
 * <pre>{@code
 * Path png = OutputFiles.path("early-stopping.png");
 * }</pre>
 */
public final class OutputFiles {
    /** System property naming the output directory. */
    public static final String PROPERTY = "keras4j.output";
    /** Environment variable naming the output directory. */
    public static final String ENV = "KERAS4J_OUTPUT";

    private OutputFiles() {
    }

    public static Path directory() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENV);
        }
        return Path.of(dir == null || dir.isBlank() ? "keras4j-output" : dir);
    }

    /** {@code name} inside {@link #directory()}; the directory is created when the file is written. */
    public static Path path(String name) {
        return directory().resolve(name);
    }
}
