package org.keras4j.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.stream.Collectors;

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

    /** One-line text for a value: INDArrays by element with dtype and shape, Java arrays by element. */
    static String show(Object value) {
        if (value instanceof INDArray a) {
            return elements(a) + " " + a.dataType() + " " + Arrays.toString(a.shape());
        }
        if (value instanceof Object[] objects) {
            StringJoiner joined = new StringJoiner(", ", "[", "]");
            for (Object o : objects) {
                joined.add(show(o));
            }
            return joined.toString();
        }
        if (value instanceof double[] d) {
            return Arrays.stream(d).mapToObj(Checks::number).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof float[] f) {
            StringJoiner joined = new StringJoiner(", ", "[", "]");
            for (float x : f) {
                joined.add(number(x));
            }
            return joined.toString();
        }
        if (value instanceof int[] i) {
            return Arrays.toString(i);
        }
        if (value instanceof long[] l) {
            return Arrays.toString(l);
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f);
        }
        return String.valueOf(value);
    }

    /** Elements of small arrays as nested lists ({@code [[0, 1], [2, 3.5]]}); ND4J's own text for large ones. */
    private static String elements(INDArray a) {
        if (a.length() > 64 || a.rank() > 2) {
            return a.dup().toString().replaceAll("\\s*\\R\\s*", " ");
        }
        if (a.rank() == 0) {
            return number(a.getDouble(0));
        }
        if (a.rank() == 1) {
            return show(a.toDoubleVector());
        }
        return show(a.toDoubleMatrix());
    }

    /** Integers without decimals, others with up to six significant digits and no trailing zeros. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
