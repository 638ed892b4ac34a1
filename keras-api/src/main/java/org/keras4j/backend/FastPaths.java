package org.keras4j.backend;

/**
 * The one switch over keras4j's own implementations of DL4J's layers and updaters (row-major
 * dense and output layers, the forward-once convolution, the copy-free relu, the fused LSTM,
 * Adam on the JVM, small networks and metrics on the JVM). They give DL4J's results within
 * float rounding, faster; {@code -Dkeras4j.fastPaths=false} makes every model compiled after it
 * run DL4J's stock layers and updaters instead, to compare or to rule them out. Layers DL4J lacks
 * (GRU, Keras's masked recurrences, merge vertices) are keras4j's either way.
 *
 * <pre>{@code
 * System.setProperty(FastPaths.PROPERTY, "false");   // models compiled from now on run DL4J's own code
 * boolean fast = FastPaths.enabled();
 * }</pre>
 */
public final class FastPaths {
    /** {@code true} (default) or {@code false}; read whenever a network is built. */
    public static final String PROPERTY = "keras4j.fastPaths";

    private FastPaths() {
    }

    /**
     * Whether keras4j's implementations are used: {@value #PROPERTY}, {@code true} when unset.
     *
     * @throws IllegalArgumentException if the property is neither {@code true} nor {@code false}
     */
    public static boolean enabled() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("System property " + PROPERTY + " must be true or false, got '" + value
                + "'");
    }

    /** One line for the backend report; never throws. */
    static String describe() {
        try {
            return enabled() ? "keras4j's layers and updaters (" + PROPERTY + "=false: DL4J's own)"
                    : "off: DL4J's own layers and updaters (" + PROPERTY + "=false)";
        } catch (IllegalArgumentException e) {
            return "invalid setting: " + e.getMessage();
        }
    }
}
