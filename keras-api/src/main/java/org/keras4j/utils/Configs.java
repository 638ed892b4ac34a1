package org.keras4j.utils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Typed reads from the config maps that save/load and the registries pass around. A value of the wrong type fails
 * with one {@link IllegalArgumentException} naming the key, the expected and the found type, never a raw
 * {@code ClassCastException}: configs come from files a user did not write ({@link #mistyped}).
 *
 * <pre>{@code
 * int units = Configs.getInt(Map.of("units", 4), "units", 1);        // 4
 * Configs.getInt(Map.of("units", "4"), "units", 1);                   // 'units' must be an integer, found string "4"
 * }</pre>
 */
public final class Configs {
    private Configs() {
    }

    public static double getDouble(Map<String, Object> config, String key, double defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : toDouble(key, v);
    }

    public static int getInt(Map<String, Object> config, String key, int defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : toInt(key, v);
    }

    public static long getLong(Map<String, Object> config, String key, long defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : toLong(key, v);
    }

    public static boolean getBoolean(Map<String, Object> config, String key, boolean defaultValue) {
        Object v = config.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw mistyped(key, "a boolean", v);
    }

    public static String getString(Map<String, Object> config, String key, String defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : v.toString();
    }

    public static Double getNullableDouble(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v == null ? null : toDouble(key, v);
    }

    public static long[] getLongArray(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        if (!(v instanceof List<?> list)) {
            throw mistyped(key, "a list of integers", v);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toLong(key + "[" + i + "]", list.get(i));
        }
        return out;
    }

    /**
     * An int, an int[] / long[] or a list of ints (Keras writes a tuple of one as an int) as an int array.
     *
     * @throws IllegalArgumentException naming {@code key} if {@code value} is none of these
     */
    public static int[] toIntArray(String key, Object value) {
        if (value instanceof Number) {
            return new int[] {toInt(key, value)};
        }
        if (value instanceof int[] a) {
            return a.clone();
        }
        if (value instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = toInt(key + "[" + i + "]", a[i]);
            }
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw mistyped(key, "an integer or a list of integers", value);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(key + "[" + i + "]", list.get(i));
        }
        return out;
    }

    /** The object under {@code key}, or null if absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> getMap(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw mistyped(key, "an object", v);
    }

    /**
     * The object under {@code key}, which must be present.
     *
     * @throws IllegalArgumentException if it is missing or not an object
     */
    public static Map<String, Object> requireMap(Map<String, Object> config, String key) {
        Map<String, Object> m = getMap(config, key);
        if (m == null) {
            throw mistyped(key, "an object", null);
        }
        return m;
    }

    /**
     * The list under {@code key}, which must be present.
     *
     * @throws IllegalArgumentException if it is missing or not a list
     */
    public static List<?> requireList(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v instanceof List<?> list) {
            return list;
        }
        throw mistyped(key, "a list", v);
    }

    /** {@code value} as a double: any JSON number. */
    public static double toDouble(String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw mistyped(key, "a number", value);
    }

    /** {@code value} as an int: a JSON number without fraction, within int's range. */
    public static int toInt(String key, Object value) {
        long v = toLong(key, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw mistyped(key, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, value);
        }
        return (int) v;
    }

    /** {@code value} as a long: a JSON number without fraction, within long's range. */
    public static long toLong(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            // 2^63 itself is not a long; doubles below it with no fraction are exact
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
        }
        throw mistyped(key, "an integer", value);
    }

    /**
     * The error for a config value of the wrong type: {@code 'units' must be an integer, found string "4"}.
     *
     * @param expected what was expected, e.g. {@code "an integer"}
     * @param found    the value found; null when the key is missing
     */
    public static IllegalArgumentException mistyped(String key, String expected, Object found) {
        return new IllegalArgumentException("'" + key + "' must be " + expected + ", found " + describe(found));
    }

    /** A value's JSON type and, for scalars, the value: {@code string "4"}, {@code number 4.5}, {@code a list}. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing (missing or null)";
        }
        if (value instanceof CharSequence s) {
            String text = s.length() > 40 ? s.subSequence(0, 40) + "..." : s.toString();
            return "string \"" + text + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return (value instanceof Number ? "number " : "boolean ") + value;
        }
        if (value instanceof List<?> || value.getClass().isArray()) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value.getClass().getSimpleName();
    }

    /** Keras's nested form of a configurable object: {@code {"class_name": id, "config": {...}}}. */
    public static Map<String, Object> serialize(Configurable value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", value.identifier());
        out.put("config", value.getConfig());
        return out;
    }

    /**
     * Rebuilds a nested object written by {@link #serialize}; null stays null.
     *
     * @throws IllegalArgumentException if {@code nested} is not an object with a string {@code class_name} and an
     *                                  object (or no) {@code config}
     */
    @SuppressWarnings("unchecked")
    public static <T> T deserialize(Object nested, BiFunction<String, Map<String, Object>, T> fromConfig) {
        if (nested == null) {
            return null;
        }
        if (!(nested instanceof Map<?, ?>)) {
            throw mistyped("class_name", "an object {\"class_name\": ..., \"config\": {...}}", nested);
        }
        Map<String, Object> m = (Map<String, Object>) nested;
        Object className = m.get("class_name");
        if (!(className instanceof String name)) {
            throw mistyped("class_name", "a string", className);
        }
        return fromConfig.apply(name, getMap(m, "config"));
    }
}
