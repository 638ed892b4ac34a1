package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A functional config's layer calls in Keras 3's form, whichever version wrote them: Keras 1 / 2's
 * {@code [[["dense", 0, 0, {}], ...]]} (one list of {@code [layer, node, tensor, kwargs]} per call) become
 * {@code [{"args": [tensor or [tensors]], "kwargs": {}}]} with {@code __keras_tensor__} tensors; Keras 3's pass.
 * Call arguments other than the tensors (kwargs) are problems unless they are null.
 *
 * <pre>{@code
 * List<Object> calls = InboundNodes.toKeras3(List.of(List.of(List.of("input_1", 0, 0, Map.of()))), scope);
 * }</pre>
 */
final class InboundNodes {
    private static final String TENSOR = "__keras_tensor__";

    private InboundNodes() {
    }

    /** The calls of one layer in Keras 3's form; problems go to {@code scope}. */
    static List<Object> toKeras3(Object inbound, Problems.Scope scope) {
        if (inbound == null) {
            return List.of();
        }
        if (!(inbound instanceof List<?> nodes)) {
            scope.add("inbound_nodes", inbound, "'inbound_nodes' must be a list of calls");
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        for (Object node : nodes) {
            if (node instanceof Map<?, ?> m) {
                out.add(keras3Call(LayerTranslator.cast(m), scope));
            } else if (node instanceof List<?> entries) {
                out.add(legacyCall(entries, scope));
            } else {
                scope.add("inbound_nodes", node, "a call must be a list of [layer, node, tensor] or {\"args\", \"kwargs\"}");
            }
        }
        return out;
    }

    private static Map<String, Object> keras3Call(Map<String, Object> call, Problems.Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>(call);
        out.put("kwargs", kwargs(call.get("kwargs"), scope));
        if (call.get("args") instanceof List<?> args && args.size() > 1) {
            scope.add("inbound_nodes", call.get("args"), "a call with " + args.size() + " positional arguments: keras4j's"
                    + " layers take one tensor or one list of tensors");
        }
        return out;
    }

    private static Map<String, Object> legacyCall(List<?> entries, Problems.Scope scope) {
        List<Object> tensors = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Object e : entries) {
            if (!(e instanceof List<?> entry) || entry.size() < 3 || !(entry.get(0) instanceof String)) {
                scope.add("inbound_nodes", e, "a call's input must be [layer name, node index, tensor index, kwargs]");
                continue;
            }
            tensors.add(tensor(entry.get(0), entry.get(1), entry.get(2)));
            if (entry.size() > 3 && entry.get(3) instanceof Map<?, ?> k) {
                kwargs.putAll(LayerTranslator.cast(k));
            }
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("args", List.of(tensors.size() == 1 ? tensors.get(0) : tensors));
        call.put("kwargs", kwargs(kwargs, scope));
        return call;
    }

    private static Map<String, Object> kwargs(Object kwargs, Problems.Scope scope) {
        if (kwargs instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() != null) {
                    scope.add("inbound_nodes.kwargs." + e.getKey(), e.getValue(), "keras4j's layers take no call"
                            + " arguments besides their inputs");
                }
            }
        }
        return Map.of();
    }

    private static Map<String, Object> tensor(Object layer, Object node, Object index) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("keras_history", List.of(layer, node, index));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("class_name", TENSOR);
        t.put("config", config);
        return t;
    }

    /**
     * A model's {@code input_layers} / {@code output_layers} as a list of {@code [layer, node, tensor]}: Keras 3 writes a
     * single one flat ({@code ["img", 0, 0]}); a dict of them (named outputs) keeps its values in order.
     */
    static List<Object> tensorList(Object value, String key, Problems problems, String model) {
        if (value instanceof Map<?, ?> named) {
            return new ArrayList<>(named.values());
        }
        if (!(value instanceof List<?> list)) {
            problems.in(model, "Functional").add(key, value, "'" + key + "' must list [layer, node, tensor]");
            return List.of();
        }
        if (!list.isEmpty() && list.get(0) instanceof String) {
            return List.of(list);
        }
        return new ArrayList<>(list);
    }
}
