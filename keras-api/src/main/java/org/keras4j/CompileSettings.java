package org.keras4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.losses.Loss;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Metrics;

/**
 * What {@code compile} resolves for each output of a model, as Keras's {@code compile}: losses,
 * loss weights and metrics given for every output, per output in order, or by output name;
 * each list checked to have one entry per output and each output's metric names to be unique.
 *
 * <pre>{@code
 * List<CompiledOutput> outputs = CompileSettings.outputs(model, losses, List.of(1.0, 0.5), metrics);
 * }</pre>
 */
final class CompileSettings {
    private CompileSettings() {
    }

    /**
     * Metrics named once for a model: a single output takes them all; several outputs take one
     * entry each, as Keras's list form (an error otherwise, as Keras's).
     */
    static List<List<Metric>> metricsForEachOutput(Model model, List<Loss> losses, String... metrics) {
        int outputs = losses.size();
        List<List<Metric>> resolved = new ArrayList<>();
        if (outputs == 1) {
            resolved.add(resolve(model, List.of(metrics), losses.get(0), 0));
            return resolved;
        }
        if (metrics.length != 0 && metrics.length != outputs) {
            throw new IllegalArgumentException("For a model with " + outputs + " outputs, metrics given as a list must"
                    + " have one entry per output, got " + metrics.length + ": " + List.of(metrics)
                    + "; use compile(optimizer, losses, lossWeights, metrics per output)");
        }
        for (int i = 0; i < outputs; i++) {
            resolved.add(metrics.length == 0 ? List.of() : resolve(model, List.of(metrics[i]), losses.get(i), i));
        }
        return resolved;
    }

    /** Metric identifiers per output resolved for each output's loss and width; null stays null (none). */
    static List<List<Metric>> metricsPerOutput(Model model, List<Loss> losses, List<List<String>> metrics) {
        if (metrics == null) {
            return null;
        }
        requirePerOutput(model, metrics, "metrics");
        List<List<Metric>> resolved = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            resolved.add(resolve(model, metrics.get(i) == null ? List.of() : metrics.get(i), losses.get(i), i));
        }
        return resolved;
    }

    /**
     * The values of {@code byName} in the order of the model's outputs, {@code missing} for an
     * output it does not name; a null map gives {@code missing} for every output.
     *
     * @throws IllegalArgumentException for a name that is not an output
     */
    static <T> List<T> byOutputName(Model model, Map<String, T> byName, T missing, String argument) {
        List<String> names = model.outputNames();
        if (byName != null) {
            for (String g : byName.keySet()) {
                if (!names.contains(g)) {
                    throw new IllegalArgumentException(argument + " names '" + g + "', which is not an output; outputs: "
                            + names);
                }
            }
        }
        List<T> ordered = new ArrayList<>();
        for (String name : names) {
            ordered.add(byName == null || !byName.containsKey(name) ? missing : byName.get(name));
        }
        return ordered;
    }

    /** Each output's compile settings, checked. */
    static List<CompiledOutput> outputs(Model model, List<Loss> losses, List<Double> lossWeights,
                                        List<List<Metric>> metrics) {
        if (losses == null) {
            throw new IllegalArgumentException("losses must not be null");
        }
        requirePerOutput(model, losses, "losses");
        if (lossWeights != null) {
            requirePerOutput(model, lossWeights, "lossWeights");
        }
        if (metrics != null) {
            requirePerOutput(model, metrics, "metrics");
        }
        List<String> names = model.outputNames();
        List<Shape> shapes = model.outputShapes();
        List<CompiledOutput> outputs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Loss loss = losses.get(i);
            if (loss == null) {
                throw new IllegalArgumentException("losses[" + i + "] must not be null");
            }
            double weight = lossWeights == null ? 1.0 : finite(lossWeights.get(i), "lossWeights[" + i + "]");
            List<Metric> outputMetrics = metrics == null || metrics.get(i) == null ? List.of() : metrics.get(i);
            List<String> seen = new ArrayList<>();
            for (Metric m : outputMetrics) {
                if (m == null) {
                    throw new IllegalArgumentException("metrics of output '" + names.get(i) + "' must not be null");
                }
                if (seen.contains(m.name()) || m.name().equals("loss")) {
                    throw new IllegalArgumentException("metric names must be unique and not 'loss', got " + m.name()
                            + " twice" + (names.size() > 1 ? " for output '" + names.get(i) + "'" : ""));
                }
                seen.add(m.name());
            }
            outputs.add(new CompiledOutput(names.get(i), shapes.get(i), loss, weight, outputMetrics));
        }
        return outputs;
    }

    static void requirePerOutput(Model model, List<?> values, String argument) {
        int outputs = model.outputShapes().size();
        if (values.size() != outputs) {
            throw new IllegalArgumentException(argument + " must have one entry per output (" + outputs + ": "
                    + model.outputNames() + "), got " + values.size());
        }
    }

    private static List<Metric> resolve(Model model, List<String> names, Loss loss, int output) {
        List<Metric> resolved = new ArrayList<>();
        for (String m : names) {
            resolved.add(Metrics.get(m, loss, model.outputShapes().get(output).last()));
        }
        return resolved;
    }

    private static double finite(Double value, String argument) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException(argument + " must be a finite number, got " + value);
        }
        return value;
    }
}
