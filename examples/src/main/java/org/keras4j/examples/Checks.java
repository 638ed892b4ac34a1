package org.keras4j.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints facts an exercise demonstrates and checks each one, so an exercise's output is also its test.
 *
 * <p>Each check prints one line, {@code "  ✓ caption: value"} or {@code "  ✗ caption: value (expected …)"},
 * and is counted; {@link #result(String)} turns the count into an {@link ExerciseResult}.
 *
 * <pre>{@code
 * Checks checks = new Checks(ctx.out());
 * checks.equal("u + v", u.add(v), Nd4j.createFromArray(4.0, 4.0));
 * checks.equal("dtype of createFromArray(int...)", ints.dataType(), DataType.INT32);
 * return checks.result("checks passed");
 * }</pre>
 */
public final class Checks {
    private final PrintWriter out;
    private final List<String> failures = new ArrayList<>();
    private int total;

    public Checks(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints a section caption. */
    public void section(String caption) {
        out.println();
        out.println("-- " + caption);
    }

    /**
     * Checks {@code actual} equals {@code expected} exactly: INDArrays by shape, dtype and every element;
     * Java arrays element by element; anything else by {@code equals}.
     *
     * @return whether it held
     */
    public boolean equal(String caption, Object actual, Object expected) {
        boolean holds = same(actual, expected);
        return record(caption, show(actual), holds, holds ? null : "expected " + show(expected));
    }

    /** Checks {@code |actual - expected| <= tolerance}. */
    public boolean close(String caption, double actual, double expected, double tolerance) {
        boolean holds = Math.abs(actual - expected) <= tolerance;
        return record(caption, show(actual), holds, holds ? null : "expected " + show(expected) + " ± " + tolerance);
    }

    /** Checks a condition, printing {@code shown} as the observed value. */
    public boolean that(String caption, Object shown, boolean holds) {
        return record(caption, show(shown), holds, holds ? null : "does not hold");
    }

    /** Number of checks that held. */
    public int passed() {
        return total - failures.size();
    }

    /** Number of checks made. */
    public int total() {
        return total;
    }

    /** Captions of the checks that failed, with what was expected. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** {@link ExerciseResult#count} of the checks, with the failures as details. */
    public ExerciseResult result(String metric) {
        return ExerciseResult.count(metric, passed(), total)
                .withDetails(failures.isEmpty() ? "" : "failed: " + String.join("; ", failures));
    }

    private boolean record(String caption, String shown, boolean holds, String why) {
        total++;
        if (holds) {
            out.println("  ✓ " + caption + ": " + shown);
        } else {
            out.println("  ✗ " + caption + ": " + shown + " (" + why + ")");
            failures.add(caption + " (got " + shown + ", " + why + ")");
        }
        return holds;
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof INDArray a && expected instanceof INDArray e) {
            return a.dataType() == e.dataType()
                    && Arrays.equals(a.shape(), e.shape())
                    && Arrays.equals(a.dup('c').data().asDouble(), e.dup('c').data().asDouble());
        }
        return Objects.deepEquals(actual, expected);
    }

    /** One-line text for a value: INDArrays with their dtype, Java arrays by element. */
    static String show(Object value) {
        if (value instanceof INDArray a) {
            return a.toString().replaceAll("\\s*\\n\\s*", " ") + " " + a.dataType() + " " + Arrays.toString(a.shape());
        }
        if (value instanceof Object[] objects) {
            return Arrays.deepToString(objects);
        }
        if (value instanceof double[] d) {
            return Arrays.toString(d);
        }
        if (value instanceof float[] f) {
            return Arrays.toString(f);
        }
        if (value instanceof int[] i) {
            return Arrays.toString(i);
        }
        if (value instanceof long[] l) {
            return Arrays.toString(l);
        }
        if (value instanceof Double d) {
            return ExerciseResult.format(d);
        }
        return String.valueOf(value);
    }
}
