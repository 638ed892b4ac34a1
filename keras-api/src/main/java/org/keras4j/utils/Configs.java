package org.keras4j.utils;

import java.util.List;
import java.util.Map;

/** Typed reads from the config maps that save/load and the registries pass around. */
public final class Configs {
    private Configs() {
    }

    public static double getDouble(Map<String, Object> config, String key, double defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : ((Number) v).doubleValue();
    }

    public static int getInt(Map<String, Object> config, String key, int defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : ((Number) v).intValue();
    }

    public static long getLong(Map<String, Object> config, String key, long defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : ((Number) v).longValue();
    }

    public static boolean getBoolean(Map<String, Object> config, String key, boolean defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : (Boolean) v;
    }

    public static String getString(Map<String, Object> config, String key, String defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : v.toString();
    }

    public static Double getNullableDouble(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public static long[] getLongArray(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        List<?> list = (List<?>) v;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).longValue();
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> getMap(Map<String, Object> config, String key) {
        return (Map<String, Object>) config.get(key);
    }

    /** Keras's nested form of a configurable object: {@code {"class_name": id, "config": {...}}}. */
    public static Map<String, Object> serialize(Configurable value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("class_name", value.identifier());
        out.put("config", value.getConfig());
        return out;
    }

    /** Rebuilds a nested object written by {@link #serialize}; null stays null. */
    @SuppressWarnings("unchecked")
    public static <T> T deserialize(Object nested, java.util.function.BiFunction<String, Map<String, Object>, T> fromConfig) {
        if (nested == null) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) nested;
        return fromConfig.apply((String) m.get("class_name"), (Map<String, Object>) m.get("config"));
    }
}
