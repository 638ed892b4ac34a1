package org.keras4j.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the launcher hands to an {@link Exercise}: where to print, and where full datasets live.
 *
 * <pre>{@code
 * ExerciseContext ctx = new ExerciseContext(new PrintWriter(System.out, true), Path.of("/data/keras4j"));
 * ExerciseResult result = new TensorsExercise().run(ctx);
 * }</pre>
 */
public final class ExerciseContext {
    private final PrintWriter out;
    private final Path dataDir;

    /**
     * @param out     where the exercise prints its captions and values
     * @param dataDir directory holding full datasets (MNIST, …), or {@code null} when none was given
     */
    public ExerciseContext(PrintWriter out, Path dataDir) {
        this.out = Objects.requireNonNull(out, "out");
        this.dataDir = dataDir;
    }

    /** A context printing to {@code out}, with no data directory. */
    public static ExerciseContext of(PrintWriter out) {
        return new ExerciseContext(out, null);
    }

    /** Where the exercise prints; the launcher's standard output. */
    public PrintWriter out() {
        return out;
    }

    /** The directory given by {@code --data}, {@code -Dkeras4j.data} or {@code KERAS4J_DATA}, if any. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }
}
