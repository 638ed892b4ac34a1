package org.keras4j.backend;

import java.util.Locale;

/**
 * How large a dense network may be for keras4j to train and run it on the JVM rather than
 * through ND4J's native operations: each of those costs 5-35 µs to dispatch whatever its size,
 * more than all the arithmetic of a tiny network's step. The limit is on a batch's forward
 * pass, in multiply-adds, and a network with more than an eighth of it in parameters stays on
 * ND4J, since every JVM step copies all parameters in and out;
 * {@code -Dkeras4j.jvm.maxMultiplyAdds=0} turns the path off, as {@link FastPaths} does.
 *
 * <pre>{@code
 * boolean onJvm = batch * multiplyAddsPerExample <= JvmPath.maxMultiplyAdds();
 * }</pre>
 */
public final class JvmPath {
    /** The largest forward pass, in multiply-adds per batch, run on the JVM; 0 turns the path off. */
    public static final String MAX_MULTIPLY_ADDS_PROPERTY = "keras4j.jvm.maxMultiplyAdds";
    /**
     * Measured on 2 cores (Adam, MSE; step time JVM / ND4J): 2-8-1 at batch 4, 96 multiply-adds,
     * 0.04; 8-50-50-1 at batch 32, 94,400, 0.15; 16-64-64-10 at batch 32, 184,320, 0.35; at
     * batch 128, 737,280, 2.0; 784-128-10 (101,770 parameters) at batch 4, 1.6.
     */
    public static final long DEFAULT_MAX_MULTIPLY_ADDS = 131_072;

    private JvmPath() {
    }

    /**
     * The limit in force: 0 when {@link FastPaths} are off, else {@value #MAX_MULTIPLY_ADDS_PROPERTY}, else
     * {@value #DEFAULT_MAX_MULTIPLY_ADDS}.
     *
     * @throws IllegalArgumentException if the property is not a whole number >= 0
     */
    public static long maxMultiplyAdds() {
        String value = System.getProperty(MAX_MULTIPLY_ADDS_PROPERTY);
        if (!FastPaths.enabled()) {
            return 0;
        }
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_MULTIPLY_ADDS;
        }
        try {
            long limit = Long.parseLong(value.trim());
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("System property " + MAX_MULTIPLY_ADDS_PROPERTY
                + " must be a whole number >= 0 (0: off), got '" + value + "'");
    }

    /** One line for the backend report; never throws. */
    static String describe() {
        long limit;
        try {
            limit = maxMultiplyAdds();
        } catch (IllegalArgumentException e) {
            return "invalid setting: " + e.getMessage();
        }
        return limit == 0 ? "off (" + (FastPaths.enabled() ? MAX_MULTIPLY_ADDS_PROPERTY + "=0" : FastPaths.PROPERTY + "=false") + ")"
                : "dense networks train on the JVM up to " + String.format(Locale.ROOT, "%,d", limit)
                + " multiply-adds per batch and " + String.format(Locale.ROOT, "%,d", limit / 8)
                + " parameters (" + MAX_MULTIPLY_ADDS_PROPERTY + ")";
    }
}
