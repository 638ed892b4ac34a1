package org.keras4j.examples.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Repetitions per variant and metric, plus free-form facts per variant (threads, peak memory),
 * and their JSON form, which the worker JVMs and {@code pytorch_bench.py} print:
 * {@code {"results": {"pytorch": {"W1_train": [2.1, 2.0]}}, "info": {"pytorch": {"threads": "1"}}}}.
 *
 * <pre>{@code
 * Results r = new Results();
 * r.add("keras4j", Metric.W1_TRAIN, 9.1);
 * double m = r.median("keras4j", Metric.W1_TRAIN);
 * }</pre>
 */
final class Results {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<Metric, List<Double>>> values = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> info = new LinkedHashMap<>();

    void add(String variant, Metric metric, double value) {
        values.computeIfAbsent(variant, v -> new EnumMap<>(Metric.class))
                .computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
    }

    void addAll(String variant, Metric metric, List<Double> reps) {
        reps.forEach(v -> add(variant, metric, v));
    }

    void info(String variant, String key, String value) {
        info.computeIfAbsent(variant, v -> new LinkedHashMap<>()).put(key, value);
    }

    String info(String variant, String key) {
        return info.getOrDefault(variant, Map.of()).get(key);
    }

    /** The variants that have repetitions, in the order they were first added. */
    List<String> variants() {
        return List.copyOf(values.keySet());
    }

    List<Double> reps(String variant, Metric metric) {
        return values.getOrDefault(variant, Map.of()).getOrDefault(metric, List.of());
    }

    /** The median of the repetitions, or NaN when there are none. */
    double median(String variant, Metric metric) {
        return median(reps(variant, metric));
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Adds everything in {@code other}. */
    void merge(Results other) {
        other.values.forEach((v, ms) -> ms.forEach((m, reps) -> addAll(v, m, reps)));
        other.info.forEach((v, kv) -> kv.forEach((k, x) -> info(v, k, x)));
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode res = root.putObject("results");
        values.forEach((v, ms) -> {
            ObjectNode node = res.putObject(v);
            ms.forEach((m, reps) -> {
                ArrayNode a = node.putArray(m.key);
                reps.forEach(a::add);
            });
        });
        ObjectNode inf = root.putObject("info");
        info.forEach((v, kv) -> {
            ObjectNode node = inf.putObject(v);
            kv.forEach(node::put);
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write benchmark results as JSON", e);
        }
    }

    /**
     * Parses the JSON form.
     *
     * @throws IllegalArgumentException if {@code json} is not that form
     */
    static Results fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("benchmark output is not JSON: " + abbreviate(json), e);
        }
        if (root == null || !root.has("results") || !root.get("results").isObject()) {
            throw new IllegalArgumentException("benchmark output has no \"results\" object: " + abbreviate(json));
        }
        Results r = new Results();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("results").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> variant = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ms = variant.getValue().fields(); ms.hasNext();) {
                Map.Entry<String, JsonNode> m = ms.next();
                Metric metric = Metric.byKey(m.getKey());
                for (JsonNode v : m.getValue()) {
                    if (!v.isNumber()) {
                        throw new IllegalArgumentException("benchmark value of " + variant.getKey() + "/"
                                + m.getKey() + " is not a number: " + v);
                    }
                    r.add(variant.getKey(), metric, v.asDouble());
                }
            }
        }
        JsonNode inf = root.get("info");
        if (inf != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = inf.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> variant = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> kv = variant.getValue().fields(); kv.hasNext();) {
                    Map.Entry<String, JsonNode> e = kv.next();
                    r.info(variant.getKey(), e.getKey(), e.getValue().asText());
                }
            }
        }
        return r;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
