package org.keras4j.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.keras4j.losses.Loss;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Resolves Keras's metric identifiers: snake-case names ({@code "binary_accuracy"},
 * {@code "auc"}, …), class names ({@code "TopKCategoricalAccuracy"}) and the aliases
 * {@code mse, mae, mape}. As in Keras's {@code compile}, a metric resolved from a name is
 * logged under that name ({@code "mse"} logs {@code mse}).
 *
 * <p>{@code "accuracy"} (alias {@code "acc"}) is resolved as Keras does, from the loss and the
 * output width: binary accuracy for one output unit, sparse categorical accuracy for
 * class-index labels, categorical accuracy otherwise; it is still logged as {@code accuracy}.
 *
 * <pre>{@code
 * Metric m = Metrics.get("accuracy", Losses.get("binary_crossentropy"), 1);
 * Metric auc = Metrics.get("auc");
 * }</pre>
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .register(cfg -> new BinaryAccuracy(name(cfg, "binary_accuracy"), Configs.getDouble(cfg, "threshold", 0.5)),
                    "binary_accuracy", "BinaryAccuracy")
            .register(cfg -> new CategoricalAccuracy(name(cfg, "categorical_accuracy")),
                    "categorical_accuracy", "CategoricalAccuracy")
            .register(cfg -> new SparseCategoricalAccuracy(name(cfg, "sparse_categorical_accuracy")),
                    "sparse_categorical_accuracy", "SparseCategoricalAccuracy")
            .register(cfg -> new TopKCategoricalAccuracy(name(cfg, "top_k_categorical_accuracy"),
                    Configs.getInt(cfg, "k", 5)), "top_k_categorical_accuracy", "TopKCategoricalAccuracy")
            .register(cfg -> new SparseTopKCategoricalAccuracy(name(cfg, "sparse_top_k_categorical_accuracy"),
                    Configs.getInt(cfg, "k", 5)), "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy")
            .register(cfg -> new MeanSquaredError(name(cfg, "mean_squared_error")),
                    "mean_squared_error", "mse", "MeanSquaredError")
            .register(cfg -> new MeanAbsoluteError(name(cfg, "mean_absolute_error")),
                    "mean_absolute_error", "mae", "MeanAbsoluteError")
            .register(cfg -> new MeanAbsolutePercentageError(name(cfg, "mean_absolute_percentage_error")),
                    "mean_absolute_percentage_error", "mape", "MeanAbsolutePercentageError")
            .register(cfg -> new RootMeanSquaredError(name(cfg, "root_mean_squared_error")),
                    "root_mean_squared_error", "RootMeanSquaredError")
            .register(cfg -> new Precision(name(cfg, "precision"), threshold(cfg)), "precision")
            .register(cfg -> new Recall(name(cfg, "recall"), threshold(cfg)), "recall")
            .register(Metrics::auc, "auc");

    private Metrics() {
    }

    /**
     * A metric that does not depend on the loss (everything but accuracy), logged under {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name (listing the valid ones) or for
     *     {@code "accuracy"}, which needs the loss
     */
    public static Metric get(String name) {
        if (isAccuracy(name)) {
            throw new IllegalArgumentException("'" + name + "' depends on the loss: use"
                    + " Metrics.get(name, loss, outputUnits)"
                    + " or a specific accuracy (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy)");
        }
        return REGISTRY.fromConfig(name, name == null ? Map.of() : Map.of("name", name.trim()));
    }

    /**
     * Resolves {@code name}; {@code "accuracy"} / {@code "acc"} pick the accuracy that fits
     * {@code loss} and {@code outputUnits}, logged under the name given.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Metric get(String name, Loss loss, long outputUnits) {
        if (!isAccuracy(name)) {
            return get(name);
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        Map<String, Object> cfg = Map.of("name", key);
        if (loss != null && loss.sparseLabels()) {
            return REGISTRY.fromConfig("sparse_categorical_accuracy", cfg);
        }
        if (outputUnits == 1) {
            return REGISTRY.fromConfig("binary_accuracy", cfg);
        }
        return REGISTRY.fromConfig("categorical_accuracy", cfg);
    }

    /**
     * The metric {@code identifier} rebuilt from {@link Metric#getConfig()} (name and arguments).
     *
     * @throws IllegalArgumentException for an unknown identifier or an invalid argument
     */
    public static Metric fromConfig(String identifier, Map<String, Object> config) {
        return REGISTRY.fromConfig(identifier, config);
    }

    public static Set<String> names() {
        Set<String> names = new TreeSet<>(REGISTRY.names());
        names.add("accuracy");
        names.add("acc");
        return names;
    }

    private static boolean isAccuracy(String name) {
        return name != null && (name.trim().equalsIgnoreCase("accuracy") || name.trim().equalsIgnoreCase("acc"));
    }

    private static String name(Map<String, Object> cfg, String defaultName) {
        return Configs.getString(cfg, "name", defaultName);
    }

    private static double threshold(Map<String, Object> cfg) {
        Object t = cfg.get("thresholds");
        if (t instanceof java.util.List<?> list) {
            if (list.size() != 1) {
                throw new IllegalArgumentException("thresholds must be a single value, got " + list);
            }
            t = list.get(0);
        }
        return t == null ? 0.5 : Configs.toDouble("thresholds", t);
    }

    private static Metric auc(Map<String, Object> cfg) {
        String curve = Configs.getString(cfg, "curve", "ROC");
        String summation = Configs.getString(cfg, "summation_method", "interpolation");
        if (!curve.equalsIgnoreCase("ROC") || !summation.equalsIgnoreCase("interpolation")) {
            throw new IllegalArgumentException("auc supports curve='ROC' with summation_method='interpolation',"
                    + " got curve='" + curve + "', summation_method='" + summation + "'");
        }
        return new AUC(name(cfg, "auc"), Configs.getInt(cfg, "num_thresholds", 200));
    }
}
