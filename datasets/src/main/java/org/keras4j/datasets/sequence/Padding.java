package org.keras4j.datasets.sequence;

/**
 * The keyword arguments of {@link Sequences#padSequences(java.util.List, Padding)}, with Keras's defaults:
 * {@code maxlen} none (the longest sequence), {@code padding} {@code "pre"}, {@code truncating} {@code "pre"},
 * {@code value} 0. Immutable; every method returns a copy.
 *
 * <pre>{@code
 * Padding.defaults().maxlen(100).padding("post").truncating("post");
 * }</pre>
 */
public final class Padding {

    private static final Padding DEFAULTS = new Padding(-1, true, true, 0);

    private final int maxlen;          // -1: the longest sequence
    private final boolean padBefore;
    private final boolean truncateBefore;
    private final int value;

    private Padding(int maxlen, boolean padBefore, boolean truncateBefore, int value) {
        this.maxlen = maxlen;
        this.padBefore = padBefore;
        this.truncateBefore = truncateBefore;
        this.value = value;
    }

    /** Keras's defaults: pad and truncate at the start to the longest sequence, with 0. */
    public static Padding defaults() {
        return DEFAULTS;
    }

    /**
     * Pads or truncates every sequence to {@code maxlen}.
     *
     * @throws IllegalArgumentException if {@code maxlen} is negative
     */
    public Padding maxlen(int maxlen) {
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen must be >= 0, got " + maxlen);
        }
        return new Padding(maxlen, padBefore, truncateBefore, value);
    }

    /**
     * Where to pad: {@code "pre"} (before the sequence, the default) or {@code "post"} (after it).
     *
     * @throws IllegalArgumentException for any other value
     */
    public Padding padding(String padding) {
        return new Padding(maxlen, side(padding, "padding"), truncateBefore, value);
    }

    /**
     * Which values to drop from a sequence longer than {@code maxlen}: {@code "pre"} (from the start, the default)
     * or {@code "post"} (from the end).
     *
     * @throws IllegalArgumentException for any other value
     */
    public Padding truncating(String truncating) {
        return new Padding(maxlen, padBefore, side(truncating, "truncating"), value);
    }

    /** The padding value (default 0, Keras's padding index). */
    public Padding value(int value) {
        return new Padding(maxlen, padBefore, truncateBefore, value);
    }

    /** The length to pad to, or {@code -1} for the longest sequence. */
    public int maxlen() {
        return maxlen;
    }

    /** Whether padding goes before the sequence ({@code "pre"}). */
    public boolean padBefore() {
        return padBefore;
    }

    /** Whether truncation drops the first values ({@code "pre"}). */
    public boolean truncateBefore() {
        return truncateBefore;
    }

    public int value() {
        return value;
    }

    private static boolean side(String side, String argument) {
        if ("pre".equals(side)) {
            return true;
        }
        if ("post".equals(side)) {
            return false;
        }
        throw new IllegalArgumentException(argument + " must be \"pre\" or \"post\", got "
                + (side == null ? "null" : "\"" + side + "\""));
    }

    @Override
    public String toString() {
        return "Padding(maxlen=" + (maxlen < 0 ? "None" : maxlen) + ", padding=" + (padBefore ? "pre" : "post")
                + ", truncating=" + (truncateBefore ? "pre" : "post") + ", value=" + value + ")";
    }
}
