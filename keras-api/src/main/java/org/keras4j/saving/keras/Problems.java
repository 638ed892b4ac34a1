package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keras4j.saving.keras.IncompatibleModelException.Problem;

/**
 * Collects the problems of one model config, so that the report lists them all instead of stopping at the first.
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * problems.in("dense_1", "Dense").add("activity_regularizer", value, "keras4j has no activity regularizers");
 * problems.throwIfAny("model.h5");
 * }</pre>
 */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    /** Problems of layer {@code layer} of Keras class {@code className}. */
    Scope in(String layer, String className) {
        return new Scope(layer, className);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(found);
    }

    /** @throws IncompatibleModelException listing every problem, if there is any */
    void throwIfAny(String source) {
        if (!found.isEmpty()) {
            throw new IncompatibleModelException(source, found);
        }
    }

    /** The problems of one layer. */
    class Scope {
        private final String layer;
        private final String className;

        private Scope(String layer, String className) {
            this.layer = layer;
            this.className = className;
        }

        String layer() {
            return layer;
        }

        String className() {
            return className;
        }

        /** A problem with argument {@code argument} (null: the whole layer), whose value is {@code value}. */
        void add(String argument, Object value, String why) {
            found.add(new Problem(layer, className, argument, argument == null && value == null ? null : show(value), why));
        }

        /** The same layer under another argument prefix, for nested objects ({@code layer.units}). */
        Scope nested(String prefix) {
            return new Scope(layer, className) {
                @Override
                void add(String argument, Object value, String why) {
                    Scope.this.add(argument == null ? prefix : prefix + "." + argument, value, why);
                }
            };
        }
    }

    /** A value as written in the file, short: {@code "channels_first"}, {@code 0.5}, {@code [2, 2]}, JSON for objects. */
    static String show(Object value) {
        String s = json(value);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence cs) {
            return "\"" + cs + "\"";
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(json(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(json(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(value);
    }
}
