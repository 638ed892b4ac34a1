package org.keras4j.examples;

import java.util.Locale;
import java.util.Objects;

/**
 * The headline result of one {@link Exercise}: a metric, its value, how to show it, and details.
 *
 * <pre>{@code
 * ExerciseResult.of("accuracy", 0.9712);                  // text "0.9712"
 * ExerciseResult.meanStd("accuracy", 0.972, 0.011);       // text "0.97 ± 0.01"
 * ExerciseResult.count("checks passed", 31, 32);          // text "31/32", not passed
 * }</pre>
 *
 * @param metric  what was measured ({@code "accuracy"}, {@code "test MSE"})
 * @param value   the measured value, for tests and tables
 * @param text    the value as people read it ({@code "0.97 ± 0.01"})
 * @param details more about the result (failed checks, per-run values); may be empty
 * @param passed  false when the exercise ran but did not reach what it checks for
 */
public record ExerciseResult(String metric, double value, String text, String details, boolean passed) {

    public ExerciseResult {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must be a non-blank name, got "
                    + (metric == null ? "null" : "'" + metric + "'"));
        }
        Objects.requireNonNull(text, "text");
        details = details == null ? "" : details;
    }

    /** A plain value; integers print without decimals, others with four significant digits. */
    public static ExerciseResult of(String metric, double value) {
        return new ExerciseResult(metric, value, format(value), "", true);
    }

    /** A value shown your way ({@code text}), e.g. with a unit. */
    public static ExerciseResult of(String metric, double value, String text) {
        return new ExerciseResult(metric, value, text, "", true);
    }

    /**
     * A mean over repeated runs and its standard deviation, as {@code "0.97 ± 0.01"}: the number of decimals
     * shows the first significant digit of {@code std}, and at least two.
     *
     * @throws IllegalArgumentException if {@code std} is negative or NaN
     */
    public static ExerciseResult meanStd(String metric, double mean, double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("std must be >= 0, got " + std);
        }
        int decimals = std == 0 || Double.isInfinite(std)
                ? 2
                : (int) Math.max(2, Math.min(8, -Math.floor(Math.log10(std))));
        String text = String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, std);
        return new ExerciseResult(metric, mean, text, "", true);
    }

    /**
     * How many of {@code total} checks held, as {@code "31/32"}; passed only when all held.
     *
     * @throws IllegalArgumentException unless {@code 0 <= held <= total}
     */
    public static ExerciseResult count(String metric, int held, int total) {
        if (held < 0 || held > total) {
            throw new IllegalArgumentException("held must be in [0, total=" + total + "], got " + held);
        }
        return new ExerciseResult(metric, held, held + "/" + total, "", held == total);
    }

    /** This result with {@code details} (failed checks, per-run values, …). */
    public ExerciseResult withDetails(String details) {
        return new ExerciseResult(metric, value, text, details, passed);
    }

    /** This result marked as passed or not, e.g. against a reference accuracy. */
    public ExerciseResult withPassed(boolean passed) {
        return new ExerciseResult(metric, value, text, details, passed);
    }

    /** {@code value} as text: integers without decimals, otherwise four significant digits. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
