package org.keras4j.backend;

/**
 * How large a dense network may be for keras4j to train and run it on the JVM rather than
 * through ND4J's native operations: each of those costs 5-35 µs to dispatch whatever its size,
 * more than all the arithmetic of a tiny network's step. The limit is on a batch's forward
 * pass, in multiply-adds; {@code -Dkeras4j.jvm.maxMultiplyAdds=0} turns the path off.
 *
 * <pre>{@code
 * boolean onJvm = batch * multiplyAddsPerExample <= JvmPath.maxMultiplyAdds();
 * }</pre>
 */
public final class JvmPath {
    /** The largest forward pass, in multiply-adds per batch, run on the JVM; 0 turns the path off. */
    public static final String MAX_MULTIPLY_ADDS_PROPERTY = "keras4j.jvm.maxMultiplyAdds";
    /**
     * Measured on 2 cores: a batch-4 step of a 2-8-1 network took about 1 ms through ND4J, and
     * the JVM's loops stay faster than ND4J's matrix products up to this size of batch.
     */
    public static final long DEFAULT_MAX_MULTIPLY_ADDS = 65_536;

    private JvmPath() {
    }

    /**
     * The limit in force: {@value #MAX_MULTIPLY_ADDS_PROPERTY}, else {@value #DEFAULT_MAX_MULTIPLY_ADDS}.
     *
     * @throws IllegalArgumentException if the property is not a whole number >= 0
     */
    public static long maxMultiplyAdds() {
        String value = System.getProperty(MAX_MULTIPLY_ADDS_PROPERTY);
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
        return limit == 0 ? "off (" + MAX_MULTIPLY_ADDS_PROPERTY + "=0)"
                : "dense networks train on the JVM up to " + String.format(java.util.Locale.ROOT, "%,d", limit)
                + " multiply-adds per batch (" + MAX_MULTIPLY_ADDS_PROPERTY + ")";
    }
}
