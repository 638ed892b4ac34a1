package org.keras4j.saving.keras;

import java.util.List;
import java.util.Map;

/**
 * Tells a Keras 1 / 2 model config from a Keras 3 one, where their semantics differ ({@code hard_sigmoid}): by its
 * top-level {@code keras_version} when it has one, else by what only Keras 3 writes ({@code module} keys,
 * {@code DTypePolicy} objects, an InputLayer's {@code batch_shape}, {@code {"args", "kwargs"}} inbound nodes).
 *
 * <pre>{@code
 * boolean legacy = KerasVersions.isLegacy(Map.of("keras_version", "2.2.4-tf"));   // true
 * }</pre>
 */
final class KerasVersions {
    private KerasVersions() {
    }

    /** True for a config written by Keras 1.x, 2.x or tf.keras. */
    static boolean isLegacy(Map<String, Object> modelConfig) {
        if (modelConfig.get("keras_version") instanceof String v && !v.isEmpty()) {
            return v.startsWith("1.") || v.startsWith("2.");
        }
        if (modelConfig.containsKey("module")) {
            return false;
        }
        Object config = modelConfig.get("config");
        List<?> layers = config instanceof List<?> l ? l
                : config instanceof Map<?, ?> m && m.get("layers") instanceof List<?> l2 ? l2 : List.of();
        for (Object o : layers) {
            if (o instanceof Map<?, ?> record && keras3(record)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keras3(Map<?, ?> record) {
        if (record.containsKey("module")) {
            return true;
        }
        if (record.get("inbound_nodes") instanceof List<?> nodes && !nodes.isEmpty() && nodes.get(0) instanceof Map<?, ?>) {
            return true;
        }
        return record.get("config") instanceof Map<?, ?> c
                && (c.get("dtype") instanceof Map<?, ?> || c.containsKey("batch_shape"));
    }
}
