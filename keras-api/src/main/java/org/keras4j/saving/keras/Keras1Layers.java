package org.keras4j.saving.keras;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a Keras 1.x layer config in Keras 2's vocabulary, so that {@link LayerSpecs} reads one form: {@code
 * output_dim} → {@code units}, {@code init} → {@code kernel_initializer}, {@code W_regularizer} → {@code
 * kernel_regularizer}, {@code nb_filter, nb_row, nb_col} → {@code filters, kernel_size}, {@code border_mode} → {@code
 * padding}, {@code subsample} → {@code strides}, {@code dim_ordering} → {@code data_format}, {@code inner_init} →
 * {@code recurrent_initializer}, {@code forget_bias_init="one"} → {@code unit_forget_bias}, {@code Merge(mode)} →
 * {@code Add}, {@code Concatenate}, ... (the names Keras 2's own converter and DL4J's Keras 1 import use). A Keras 2 / 3
 * config passes unchanged.
 *
 * <pre>{@code
 * Keras1Layers.Converted c = Keras1Layers.convert("Convolution2D", Map.of("nb_filter", 32, "nb_row", 3, "nb_col", 3));
 * c.className();   // "Conv2D"; c.config(): {"filters": 32, "kernel_size": [3, 3]}
 * }</pre>
 */
final class Keras1Layers {
    /** Keys only Keras 1 wrote; one of them marks a Keras 1 config. */
    private static final Set<String> KERAS1_KEYS = Set.of("output_dim", "init", "inner_init", "inner_activation",
            "forget_bias_init", "W_regularizer", "b_regularizer", "U_regularizer", "W_constraint", "b_constraint",
            "U_constraint", "nb_filter", "nb_row", "nb_col", "border_mode", "subsample", "dim_ordering", "dropout_W",
            "dropout_U", "consume_less", "input_dtype", "filter_length", "subsample_length", "pool_length", "beta_init",
            "gamma_init", "atrous_rate");

    /** A class name and config in Keras 2's vocabulary. */
    record Converted(String className, Map<String, Object> config) {
    }

    private Keras1Layers() {
    }

    /** Whether {@code className} / {@code config} are Keras 1's. */
    static boolean isKeras1(String className, Map<String, Object> config) {
        if (className.equals("Merge") || className.startsWith("Convolution") || className.startsWith("AtrousConvolution")) {
            return true;
        }
        for (String key : config.keySet()) {
            if (KERAS1_KEYS.contains(key)) {
                return true;
            }
        }
        // Keras 1's Dropout {"p": 0.5} and GaussianNoise {"sigma": 0.1}
        return className.equals("Dropout") && config.containsKey("p")
                || className.equals("GaussianNoise") && config.containsKey("sigma");
    }

    /** {@code className} / {@code config} in Keras 2's vocabulary (unchanged if they are not Keras 1's). */
    static Converted convert(String className, Map<String, Object> config) {
        if (!isKeras1(className, config)) {
            return new Converted(className, config);
        }
        Map<String, Object> c = new LinkedHashMap<>(config);
        String cls = className;
        boolean embedding = cls.equals("Embedding");
        rename(c, "init", embedding ? "embeddings_initializer" : "kernel_initializer");
        rename(c, "W_regularizer", embedding ? "embeddings_regularizer" : "kernel_regularizer");
        rename(c, "W_constraint", embedding ? "embeddings_constraint" : "kernel_constraint");
        rename(c, "b_regularizer", "bias_regularizer");
        rename(c, "b_constraint", "bias_constraint");
        rename(c, "U_regularizer", "recurrent_regularizer");
        rename(c, "U_constraint", "recurrent_constraint");
        rename(c, "inner_init", "recurrent_initializer");
        rename(c, "inner_activation", "recurrent_activation");
        rename(c, "dropout_W", "dropout");
        rename(c, "dropout_U", "recurrent_dropout");
        rename(c, "consume_less", "implementation");
        rename(c, "bias", "use_bias");
        rename(c, "border_mode", "padding");
        rename(c, "beta_init", "beta_initializer");
        rename(c, "gamma_init", "gamma_initializer");
        c.remove("input_dtype"); // the dtype of the data fed in: keras4j takes any numbers
        if (!embedding) {
            rename(c, "output_dim", "units");
        } else if (isZero(c.get("dropout"))) {
            c.remove("dropout"); // Keras 1's Embedding dropout, off
        }
        Object ordering = c.remove("dim_ordering");
        if (ordering != null) {
            c.put("data_format", "tf".equals(ordering) ? "channels_last" : "th".equals(ordering) ? "channels_first" : ordering);
        }
        Object forgetBias = c.get("forget_bias_init");
        if ("one".equals(forgetBias) || "zero".equals(forgetBias)) {
            c.remove("forget_bias_init");
            c.put("unit_forget_bias", "one".equals(forgetBias));
        }
        if (cls.equals("BatchNormalization") && isZero(c.get("mode"))) {
            c.remove("mode");
        }
        switch (cls) {
            case "Dropout", "SpatialDropout2D", "GaussianDropout" -> rename(c, "p", "rate");
            case "GaussianNoise" -> rename(c, "sigma", "stddev");
            case "Convolution2D", "AtrousConvolution2D" -> {
                cls = "Conv2D";
                rename(c, "nb_filter", "filters");
                if (c.containsKey("nb_row") || c.containsKey("nb_col")) {
                    c.put("kernel_size", List.of(c.remove("nb_row"), c.remove("nb_col")));
                }
                rename(c, "subsample", "strides");
                rename(c, "atrous_rate", "dilation_rate");
            }
            case "Convolution1D", "AtrousConvolution1D" -> {
                cls = "Conv1D";
                rename(c, "nb_filter", "filters");
                rename(c, "filter_length", "kernel_size");
                rename(c, "subsample_length", "strides");
                rename(c, "atrous_rate", "dilation_rate");
            }
            case "MaxPooling1D", "AveragePooling1D" -> {
                rename(c, "pool_length", "pool_size");
                rename(c, "stride", "strides");
            }
            case "Merge" -> cls = merge(c);
            default -> {
            }
        }
        return new Converted(cls, c);
    }

    /** Keras 1's {@code Merge(mode=...)} as the Keras 2 merge layer of that mode; its own keys leave the config. */
    private static String merge(Map<String, Object> c) {
        Object mode = c.remove("mode");
        Object concatAxis = c.remove("concat_axis");
        Object dotAxes = c.remove("dot_axes");
        c.remove("mode_type");
        for (String key : new String[] {"output_shape", "output_shape_type", "output_mask", "output_mask_type", "arguments"}) {
            if (c.get(key) == null || c.get(key) instanceof Map<?, ?> m && m.isEmpty()) {
                c.remove(key);
            }
        }
        String cls = switch (String.valueOf(mode)) {
            case "sum" -> "Add";
            case "mul" -> "Multiply";
            case "ave" -> "Average";
            case "max" -> "Maximum";
            case "concat" -> "Concatenate";
            case "dot" -> "Dot";
            default -> "Merge"; // "cos" or a Python function: keras4j has no such merge, the report says so
        };
        if (cls.equals("Concatenate")) {
            c.put("axis", concatAxis == null ? -1 : concatAxis);
        } else if (cls.equals("Dot")) {
            c.put("axes", dotAxes == null ? -1 : dotAxes);
        } else if (cls.equals("Merge")) {
            c.put("mode", mode);
        }
        return cls;
    }

    private static void rename(Map<String, Object> c, String from, String to) {
        if (c.containsKey(from)) {
            Object v = c.remove(from);
            c.putIfAbsent(to, v);
        }
    }

    private static boolean isZero(Object v) {
        return v instanceof Number n && n.doubleValue() == 0;
    }
}
