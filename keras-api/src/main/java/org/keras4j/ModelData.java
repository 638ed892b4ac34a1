package org.keras4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keras4j.engine.ArrayBatches;
import org.keras4j.engine.Batch;
import org.keras4j.engine.BatchSource;
import org.keras4j.engine.Compiled;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.DataChecks;
import org.keras4j.engine.IteratorBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The data a model's {@code fit}, {@code evaluate} and {@code predict} take, checked against the
 * model before any step: one array per input and per output, by position or by name, shapes and
 * labels as each input and output's loss needs them, float features; iterators' batches checked as
 * they are drawn.
 *
 * <pre>{@code
 * List<INDArray> x = new ModelData(model).checkedFeatures("x", List.of(images));
 * }</pre>
 */
final class ModelData {
    private final Model model;

    ModelData(Model model) {
        this.model = model;
    }

    /**
     * The {@code validationData} of {@code options} as batches, or null: arrays are checked here,
     * before training; an iterator's batches as they are drawn.
     */
    BatchSource validationData(FitOptions options, Compiled c) {
        if (options.validationXs() != null) {
            List<INDArray> vx = checkedFeatures("validationData x", options.validationXs());
            List<INDArray> vy = checkedLabels("validationData y", options.validationYs(), vx.get(0).size(0), c);
            return new ArrayBatches(vx, vy, null, options.batchSize());
        }
        if (options.validationIterator() != null) {
            requireSingleInputOutput("validation on a DataSetIterator");
            return iteratorSource(options.validationIterator(), "validationData");
        }
        if (options.validationMultiIterator() != null) {
            return new IteratorBatches(options.validationMultiIterator(), checkedBatches("validationData", c));
        }
        return null;
    }

    BatchSource iteratorSource(DataSetIterator iterator, String argument) {
        return new IteratorBatches(iterator, checkedBatches(argument, model.compiled()));
    }

    /** Checks each batch an iterator yields as it is drawn: one array per input and per output, shapes and labels. */
    IteratorBatches.Preparation checkedBatches(String argument, Compiled c) {
        return (b, firstSample) -> {
            List<INDArray> x = checkedFeatures(argument + " features", b.xs());
            List<CompiledOutput> outputs = c.outputs();
            if (b.ys().size() != outputs.size()) {
                throw new IllegalArgumentException(argument + " labels must have one array per model output ("
                        + outputs.size() + ": " + model.outputNames() + "), got " + b.ys().size());
            }
            List<INDArray> y = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                String name = argument + " labels" + (outputs.size() == 1 ? "" : "[" + i + "]");
                y.add(DataChecks.labels(name, b.ys().get(i), x.get(0).size(0), firstSample, outputs.get(i).loss(),
                        outputs.get(i).shape(), model.describeOutputLayer(i)));
            }
            return new Batch(x, y, null);
        };
    }

    /** One float array per input, each checked against its input's shape, all with the same number of samples. */
    List<INDArray> checkedFeatures(String argument, List<INDArray> x) {
        List<Shape> shapes = model.inputShapes();
        requireArgument(x, argument);
        if (x.size() != shapes.size()) {
            throw new IllegalArgumentException(argument + " must have one array per model input (" + shapes.size() + ": "
                    + model.inputNames() + "), got " + x.size());
        }
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            String name = shapes.size() == 1 ? argument : argument + "[" + i + "] (input '" + model.inputNames().get(i) + "')";
            requireArgument(x.get(i), name);
            int input = i;
            DataChecks.features(name, x.get(i), shapes.get(i), () -> model.describeInputLayer(input));
            if (i > 0 && x.get(i).size(0) != x.get(0).size(0)) {
                throw new IllegalArgumentException("all input arrays must have the same number of samples: " + argument
                        + "[0] has " + x.get(0).size(0) + ", " + name + " has " + x.get(i).size(0));
            }
            out.add(asFloat(x.get(i)));
        }
        return out;
    }

    /** One label array per output, each checked against its output's shape and loss. */
    List<INDArray> checkedLabels(String argument, List<INDArray> y, long samples, Compiled c) {
        requireArgument(y, argument);
        List<CompiledOutput> outputs = c.outputs();
        if (y.size() != outputs.size()) {
            throw new IllegalArgumentException(argument + " must have one array per model output (" + outputs.size() + ": "
                    + model.outputNames() + "), got " + y.size());
        }
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            String name = outputs.size() == 1 ? argument : argument + "[" + i + "] (output '" + outputs.get(i).name() + "')";
            requireArgument(y.get(i), name);
            out.add(DataChecks.labels(name, y.get(i), samples, outputs.get(i).loss(), outputs.get(i).shape(),
                    model.describeOutputLayer(i)));
        }
        return out;
    }

    static List<INDArray> byName(Map<String, INDArray> arrays, List<String> names, String argument, String kind) {
        requireArgument(arrays, argument);
        for (String key : arrays.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException(argument + " names '" + key + "', which is not an " + kind + "; "
                        + kind + "s: " + names);
            }
        }
        List<INDArray> ordered = new ArrayList<>();
        for (String name : names) {
            if (!arrays.containsKey(name)) {
                throw new IllegalArgumentException(argument + " has no array for " + kind + " '" + name + "'; " + kind
                        + "s: " + names);
            }
            ordered.add(arrays.get(name));
        }
        return ordered;
    }

    static List<INDArray> rows(List<INDArray> arrays, long start, long end) {
        return arrays.stream().map(a -> ArrayBatches.rowRange(a, start, end)).toList();
    }

    void requireSingleInputOutput(String operation) {
        if (model.inputShapes().size() != 1 || model.outputShapes().size() != 1) {
            throw new IllegalArgumentException(operation + " needs a model with one input and one output; model '" + model.name()
                    + "' has " + model.inputShapes().size() + " inputs and " + model.outputShapes().size() + " outputs: pass lists of"
                    + " arrays");
        }
    }

    static INDArray asFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }

    private static void requireArgument(Object value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
    }
}
