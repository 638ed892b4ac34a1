package org.keras4j.metrics;

import java.util.Map;
import java.util.Set;
import org.keras4j.losses.Loss;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Resolves Keras's metric identifiers. {@code "accuracy"} (alias {@code "acc"}) is resolved
 * as Keras does, from the loss and the output width: binary accuracy for one output unit,
 * sparse categorical accuracy for class-index labels, categorical accuracy otherwise; it is
 * still logged as {@code accuracy}.
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy", Losses.get("binary_crossentropy"), 1);
 * }</pre>
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .register(cfg -> new CategoricalAccuracy(Configs.getString(cfg, "name", "categorical_accuracy")),
                    "categorical_accuracy");

    private Metrics() {
    }

    /** A metric that does not depend on the loss (everything but accuracy). */
    public static Metric get(String name) {
        if (isAccuracy(name)) {
            throw new IllegalArgumentException("'" + name + "' depends on the loss: use Metrics.get(name, loss, outputUnits)"
                    + " or a specific accuracy (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy)");
        }
        return REGISTRY.get(name);
    }

    /**
     * Resolves {@code name}; {@code "accuracy"} / {@code "acc"} pick the accuracy that fits
     * {@code loss} and {@code outputUnits}, logged under the name given.
     */
    public static Metric get(String name, Loss loss, long outputUnits) {
        if (!isAccuracy(name)) {
            return REGISTRY.get(name);
        }
        String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> cfg = Map.of("name", key);
        if (loss != null && loss.sparseLabels()) {
            return REGISTRY.fromConfig("sparse_categorical_accuracy", cfg);
        }
        if (outputUnits == 1) {
            return REGISTRY.fromConfig("binary_accuracy", cfg);
        }
        return REGISTRY.fromConfig("categorical_accuracy", cfg);
    }

    public static Metric fromConfig(String identifier, Map<String, Object> config) {
        return REGISTRY.fromConfig(identifier, config);
    }

    public static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(REGISTRY.names());
        names.add("accuracy");
        return names;
    }

    private static boolean isAccuracy(String name) {
        return name != null && (name.trim().equalsIgnoreCase("accuracy") || name.trim().equalsIgnoreCase("acc"));
    }
}
