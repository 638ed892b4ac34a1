package org.keras4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.keras4j.callbacks.History;
import org.keras4j.engine.ArrayBatches;
import org.keras4j.engine.Batch;
import org.keras4j.engine.BatchSource;
import org.keras4j.engine.Compiled;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.DataChecks;
import org.keras4j.engine.IteratorBatches;
import org.keras4j.engine.Node;
import org.keras4j.engine.SampleWeights;
import org.keras4j.engine.Trainer;
import org.keras4j.layers.Layer;
import org.keras4j.losses.Loss;
import org.keras4j.losses.Losses;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Metrics;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.Optimizers;
import org.keras4j.saving.ModelArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable model with Keras's lifecycle: {@code compile} resolves optimizer, loss and
 * metrics and builds the network once; {@code fit}, {@code evaluate} and {@code predict}
 * refuse to run before it. {@link Sequential} is the model built from a stack of layers.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(8), new Dense(10, "relu"), new Dense(1));
 * model.compile("adam", "mse");
 * History h = model.fit(x, y, FitOptions.defaults().epochs(50).validationSplit(0.2).verbose(0));
 * Map<String, Double> scores = model.evaluate(xTest, yTest);
 * }</pre>
 */
public abstract class Model {
    private final String name;
    private Compiled compiled;
    /** True when layers were added or removed since compile: the compiled network no longer matches. */
    private boolean stale;
    private volatile boolean stopTraining;
    private int requestedInitialEpoch = -1;
    private History history;

    protected Model(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Shape of one input sample.
     *
     * @throws IllegalStateException if the model has several inputs (use {@link #inputShapes()})
     */
    public abstract Shape inputShape();

    /**
     * Shape of one output sample.
     *
     * @throws IllegalStateException if the model has several outputs (use {@link #outputShapes()})
     */
    public abstract Shape outputShape();

    /** The sample shape of each input, in order. */
    public List<Shape> inputShapes() {
        return List.of(inputShape());
    }

    /** The sample shape of each output, in order. */
    public List<Shape> outputShapes() {
        return List.of(outputShape());
    }

    /** The model's input tensors, in order (Keras's {@code model.inputs}). */
    public abstract List<KerasTensor> inputs();

    /** The model's output tensors, in order (Keras's {@code model.outputs}). */
    public abstract List<KerasTensor> outputs();

    /** Every layer call of the model but the inputs', each after the calls it reads. */
    public abstract List<Node> nodes();

    /**
     * Calls the model on tensors as a layer of another model, as Keras's {@code model(x)}: its
     * layers are called in turn on {@code inputs}, so the outer model shares their weights with
     * this one.
     *
     * @throws IllegalArgumentException unless there is one tensor per input, of the input's shape
     * @throws IllegalStateException if the model has several outputs (use {@link #apply(List)})
     */
    public KerasTensor apply(KerasTensor... inputs) {
        if (outputs().size() != 1) {
            throw new IllegalStateException("model '" + name + "' has " + outputs().size() + " outputs: use apply(List),"
                    + " which returns one tensor per output");
        }
        return apply(inputs == null ? null : java.util.Arrays.asList(inputs)).get(0);
    }

    /** {@link #apply(KerasTensor...)} for any number of inputs; returns one tensor per output. */
    public List<KerasTensor> apply(List<KerasTensor> inputs) {
        List<KerasTensor> own = inputs();
        if (inputs == null || inputs.size() != own.size()) {
            throw new IllegalArgumentException("model '" + name + "' takes " + own.size() + " input tensors, got "
                    + (inputs == null ? "null" : inputs.size()));
        }
        Map<KerasTensor, KerasTensor> replaced = new java.util.IdentityHashMap<>();
        for (int i = 0; i < own.size(); i++) {
            KerasTensor given = inputs.get(i);
            if (given == null || !given.shape().equals(own.get(i).shape())) {
                throw new IllegalArgumentException("input " + i + " of model '" + name + "' must have shape "
                        + own.get(i).shape() + ", got " + (given == null ? "null" : given.shape()));
            }
            replaced.put(own.get(i), given);
        }
        for (Node node : nodes()) {
            List<KerasTensor> in = node.inbound().stream().map(replaced::get).toList();
            replaced.put(node.output(), node.layer().apply(in));
        }
        return outputs().stream().map(replaced::get).toList();
    }

    /** The names of the inputs (their {@code Input} layers), in order; data can be passed by them. */
    public abstract List<String> inputNames();

    /** The names of the outputs (the layers that produce them), as Keras's {@code output_names}. */
    public abstract List<String> outputNames();

    /** Builds the backend network for this architecture, with each output's loss and loss weight. */
    protected abstract CompiledNetwork buildNetwork(List<CompiledOutput> outputs, Optimizer optimizer, long seed);

    /** Names the layer that receives input {@code index}, for error messages. */
    protected abstract String describeInputLayer(int index);

    /** Names the layer that produces output {@code index}, for error messages. */
    protected abstract String describeOutputLayer(int index);

    // ---- compile ----

    /**
     * Compiles with Keras identifiers, e.g. {@code compile("adam", "categorical_crossentropy", "accuracy")}.
     * The loss applies to every output; with several outputs, metrics are given one per output,
     * as Keras's list form (or use {@link #compile(String, List, List, List)}).
     *
     * @throws IllegalArgumentException for an unknown identifier (the message lists the valid ones)
     */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        requireArgument(loss, "loss");
        requireArgument(metrics, "metrics");
        int outputs = outputShapes().size();
        List<Loss> losses = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            losses.add(loss); // losses hold no state: one object serves every output
        }
        List<List<Metric>> resolved = new ArrayList<>();
        if (outputs == 1) {
            resolved.add(resolveMetrics(List.of(metrics), loss, 0));
        } else {
            if (metrics.length != 0 && metrics.length != outputs) {
                throw new IllegalArgumentException("For a model with " + outputs + " outputs, metrics given as a list must"
                        + " have one entry per output, got " + metrics.length + ": " + List.of(metrics)
                        + "; use compile(optimizer, losses, lossWeights, metrics per output)");
            }
            for (int i = 0; i < outputs; i++) {
                resolved.add(metrics.length == 0 ? List.of() : resolveMetrics(List.of(metrics[i]), losses.get(i), i));
            }
        }
        compileOutputs(optimizer, losses, null, resolved, Keras.nextSeed());
    }

    /** Compiles a single-output model with typed metric objects. */
    public void compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
        requireArgument(loss, "loss");
        requireArgument(metrics, "metrics");
        compileOutputs(optimizer, List.of(loss), null, List.of(metrics), Keras.nextSeed());
    }

    /**
     * Compiles with a loss, a loss weight and metrics per output, in the order of
     * {@link #outputNames()}, as Keras's {@code compile(loss=[...], loss_weights=[...], metrics=[[...], [...]])}.
     * The loss {@code fit} minimizes is the sum of each output's loss times its weight.
     *
     * @param lossWeights one weight per output, or null for 1 each
     * @param metrics one list per output, or null for none
     * @throws IllegalArgumentException if a list does not have one entry per output, or an identifier is unknown
     */
    public void compile(String optimizer, List<String> losses, List<Double> lossWeights, List<List<String>> metrics) {
        requireArgument(losses, "losses");
        requirePerOutput(losses, "losses");
        List<Loss> resolvedLosses = losses.stream().map(Losses::get).toList();
        List<List<Metric>> resolved = new ArrayList<>();
        if (metrics != null) {
            requirePerOutput(metrics, "metrics");
            for (int i = 0; i < metrics.size(); i++) {
                resolved.add(resolveMetrics(metrics.get(i) == null ? List.of() : metrics.get(i), resolvedLosses.get(i), i));
            }
        }
        compileOutputs(Optimizers.get(optimizer), resolvedLosses, lossWeights, metrics == null ? null : resolved,
                Keras.nextSeed());
    }

    /**
     * {@link #compile(String, List, List, List)} with each setting given by output name, as
     * Keras's dictionary form; outputs missing from {@code lossWeights} weigh 1 and outputs
     * missing from {@code metrics} have none.
     *
     * @throws IllegalArgumentException for a name that is not an output, or an output without a loss
     */
    public void compile(String optimizer, Map<String, String> losses, Map<String, Double> lossWeights,
                        Map<String, List<String>> metrics) {
        requireArgument(losses, "losses");
        List<String> names = outputNames();
        checkNames(losses.keySet(), names, "losses");
        if (lossWeights != null) {
            checkNames(lossWeights.keySet(), names, "lossWeights");
        }
        if (metrics != null) {
            checkNames(metrics.keySet(), names, "metrics");
        }
        List<String> lossList = new ArrayList<>();
        List<Double> weightList = new ArrayList<>();
        List<List<String>> metricList = new ArrayList<>();
        for (String name : names) {
            if (!losses.containsKey(name)) {
                throw new IllegalArgumentException("losses has no loss for output '" + name + "'; outputs: " + names);
            }
            lossList.add(losses.get(name));
            weightList.add(lossWeights == null ? 1.0 : lossWeights.getOrDefault(name, 1.0));
            metricList.add(metrics == null ? List.of() : metrics.getOrDefault(name, List.of()));
        }
        compile(optimizer, lossList, weightList, metricList);
    }

    /** Compiles with typed losses, loss weights and metrics per output (see {@link #compile(String, List, List, List)}). */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Metric>> metrics) {
        compile(optimizer, losses, lossWeights, metrics, Keras.nextSeed());
    }

    /**
     * {@link #compile(Optimizer, List, List, List)} with an explicit weight-initialisation seed:
     * loading uses it to rebuild the same network.
     */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Metric>> metrics,
                        long seed) {
        compileOutputs(optimizer, losses, lossWeights, metrics, seed);
    }

    /** Compiles with an explicit weight-initialisation seed (save/load uses it to rebuild). */
    protected final void compileWithSeed(Optimizer optimizer, Loss loss, List<Metric> metrics, long seed) {
        requireArgument(loss, "loss");
        requireArgument(metrics, "metrics");
        compileOutputs(optimizer, List.of(loss), null, List.of(metrics), seed);
    }

    private void compileOutputs(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
                                List<List<Metric>> metrics, long seed) {
        requireArgument(optimizer, "optimizer");
        requireArgument(losses, "losses");
        requirePerOutput(losses, "losses");
        if (lossWeights != null) {
            requirePerOutput(lossWeights, "lossWeights");
        }
        if (metrics != null) {
            requirePerOutput(metrics, "metrics");
        }
        List<String> names = outputNames();
        List<Shape> shapes = outputShapes();
        List<CompiledOutput> outputs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Loss loss = losses.get(i);
            requireArgument(loss, "losses[" + i + "]");
            double weight = lossWeights == null ? 1.0 : requireFinite(lossWeights.get(i), "lossWeights[" + i + "]");
            List<Metric> outputMetrics = metrics == null || metrics.get(i) == null ? List.of() : metrics.get(i);
            List<String> seen = new ArrayList<>();
            for (Metric m : outputMetrics) {
                requireArgument(m, "metrics of output '" + names.get(i) + "'");
                if (seen.contains(m.name()) || m.name().equals("loss")) {
                    throw new IllegalArgumentException("metric names must be unique and not 'loss', got " + m.name()
                            + " twice" + (names.size() > 1 ? " for output '" + names.get(i) + "'" : ""));
                }
                seen.add(m.name());
            }
            outputs.add(new CompiledOutput(names.get(i), shapes.get(i), loss, weight, outputMetrics));
        }
        CompiledNetwork network = buildNetwork(outputs, optimizer, seed);
        this.compiled = new Compiled(optimizer, outputs, network, seed);
        this.stale = false;
    }

    private List<Metric> resolveMetrics(List<String> names, Loss loss, int output) {
        List<Metric> resolved = new ArrayList<>();
        for (String m : names) {
            resolved.add(Metrics.get(m, loss, outputShapes().get(output).last()));
        }
        return resolved;
    }

    private void requirePerOutput(List<?> values, String argument) {
        int outputs = outputShapes().size();
        if (values.size() != outputs) {
            throw new IllegalArgumentException(argument + " must have one entry per output (" + outputs + ": "
                    + outputNames() + "), got " + values.size());
        }
    }

    private static void checkNames(java.util.Set<String> given, List<String> names, String argument) {
        for (String g : given) {
            if (!names.contains(g)) {
                throw new IllegalArgumentException(argument + " names '" + g + "', which is not an output; outputs: " + names);
            }
        }
    }

    private static double requireFinite(Double value, String argument) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException(argument + " must be a finite number, got " + value);
        }
        return value;
    }

    public boolean isCompiled() {
        return compiled != null && !stale;
    }

    /** The compiled optimizer; change its learning rate between batches or epochs. */
    public Optimizer optimizer() {
        return requireCompiled("optimizer").optimizer();
    }

    /** The loss of the first (for a single-output model, the only) output. */
    public Loss loss() {
        return requireCompiled("loss").loss();
    }

    /** The metrics of the first (for a single-output model, the only) output. */
    public List<Metric> metrics() {
        return requireCompiled("metrics").metrics();
    }

    /**
     * The keys {@code evaluate} returns: {@code loss}, then for several outputs each output's
     * {@code <output>_loss}, then the metrics ({@code <output>_<metric>} for several outputs).
     */
    public List<String> metricsNames() {
        Compiled c = requireCompiled("metricsNames");
        List<String> names = new ArrayList<>();
        names.add("loss");
        for (CompiledOutput o : c.outputs()) {
            if (c.multiOutput()) {
                names.add(o.name() + "_loss");
            }
        }
        for (CompiledOutput o : c.outputs()) {
            for (Metric m : o.metrics()) {
                names.add(c.multiOutput() ? o.name() + "_" + m.name() : m.name());
            }
        }
        return names;
    }

    // ---- fit ----

    /** Trains for {@code epochs} epochs with Keras's defaults (batch size 32, shuffled, verbose 1). */
    public History fit(INDArray x, INDArray y, int epochs) {
        return fit(x, y, FitOptions.defaults().epochs(epochs));
    }

    /**
     * Trains on in-memory arrays, for a model with one input and one output.
     *
     * @param x samples, shape {@code (n, inputShape...)}
     * @param y labels, {@code (n, outputs)}, or {@code (n)} / {@code (n, 1)} class indices for sparse losses
     * @throws IllegalStateException if not compiled
     * @throws IllegalArgumentException for shapes that do not match the model, NaN, or empty data
     */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        requireArgument(x, "x");
        requireArgument(y, "y");
        return fit(List.of(x), List.of(y), options);
    }

    /**
     * Trains on one array per input and one per output, in the order of {@link #inputNames()}
     * and {@link #outputNames()}, as Keras's {@code fit([x1, x2], [y1, y2])}; a single
     * {@code sampleWeight} weighs every output's loss.
     *
     * @throws IllegalArgumentException if an array is missing, the numbers of samples differ, or
     *     a shape does not match its input or output
     */
    public History fit(List<INDArray> x, List<INDArray> y, FitOptions options) {
        Compiled c = requireCompiled("fit");
        requireArgument(options, "options");
        List<INDArray> features = checkedFeatures("x", x);
        long n = features.get(0).size(0);
        List<INDArray> labels = checkedLabels("y", y, n, c);
        if (options.classWeight() != null && (c.multiOutput() || outputShape().rank() > 1)) {
            // as Keras: a class weight per position would need one weight per label, not per sample
            throw new IllegalArgumentException("classWeight is only supported for a single output of rank 1 (n, classes),"
                    + " got output shapes " + outputShapes() + ": pass sampleWeight instead");
        }
        INDArray weights = SampleWeights.combine(options.sampleWeight(), options.classWeight(), labels.get(0), n);

        BatchSource validation = validationData(options, c);
        if (validation == null && options.validationSplit() > 0) {
            long splitAt = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit() + " of " + n
                        + " samples leaves " + (splitAt == 0 ? "no training" : "no validation") + " samples");
            }
            validation = new ArrayBatches(rows(features, splitAt, n), rows(labels, splitAt, n), null, options.batchSize());
            features = rows(features, 0, splitAt);
            labels = rows(labels, 0, splitAt);
            weights = weights == null ? null : ArrayBatches.rowRange(weights, 0, splitAt);
        }
        startFit();
        BatchSource train = new ArrayBatches(features, labels, weights, options.batchSize());
        return new Trainer(this, c).fit(train, validation, settings(options), options.callbacks());
    }

    /** {@link #fit(List, List, FitOptions)} with arrays by input and output name, as Keras's dictionary form. */
    public History fit(Map<String, INDArray> x, Map<String, INDArray> y, FitOptions options) {
        return fit(byName(x, inputNames(), "x", "input"), byName(y, outputNames(), "y", "output"), options);
    }

    /**
     * Trains on a DL4J iterator, for a model with one input and one output; batch size and order
     * are the iterator's ({@code batchSize}, {@code shuffle}, {@code validationSplit},
     * {@code classWeight} do not apply).
     */
    public History fit(DataSetIterator data, FitOptions options) {
        Compiled c = requireCompiled("fit");
        requireArgument(data, "data");
        requireArgument(options, "options");
        requireSingleInputOutput("fit on a DataSetIterator");
        BatchSource validation = validationData(options, c);
        startFit();
        return new Trainer(this, c).fit(iteratorSource(data, "data"), validation, settings(options), options.callbacks());
    }

    // ---- evaluate / predict ----

    /** Loss and metrics on {@code (x, y)}, batch size 32, as Keras's {@code return_dict=True}. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 32);
    }

    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        requireArgument(x, "x");
        requireArgument(y, "y");
        return evaluate(List.of(x), List.of(y), batchSize);
    }

    /** Loss, each output's loss and metrics on one array per input and per output, batch size 32. */
    public Map<String, Double> evaluate(List<INDArray> x, List<INDArray> y) {
        return evaluate(x, y, 32);
    }

    public Map<String, Double> evaluate(List<INDArray> x, List<INDArray> y, int batchSize) {
        Compiled c = requireCompiled("evaluate");
        requirePositive(batchSize, "batchSize");
        List<INDArray> features = checkedFeatures("x", x);
        List<INDArray> labels = checkedLabels("y", y, features.get(0).size(0), c);
        return new Trainer(this, c).evaluate(new ArrayBatches(features, labels, null, batchSize), List.of());
    }

    /** {@link #evaluate(List, List)} with arrays by input and output name. */
    public Map<String, Double> evaluate(Map<String, INDArray> x, Map<String, INDArray> y) {
        return evaluate(byName(x, inputNames(), "x", "input"), byName(y, outputNames(), "y", "output"));
    }

    public Map<String, Double> evaluate(DataSetIterator data) {
        Compiled c = requireCompiled("evaluate");
        requireArgument(data, "data");
        requireSingleInputOutput("evaluate on a DataSetIterator");
        return new Trainer(this, c).evaluate(iteratorSource(data, "data"), List.of());
    }

    /** Outputs in inference mode, 32 samples at a time, for a model with one input and one output. */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    public INDArray predict(INDArray x, int batchSize) {
        requireArgument(x, "x");
        requireSingleInputOutput("predict on one array");
        return predict(List.of(x), batchSize).get(0);
    }

    /** Outputs in inference mode, one array per output, from one array per input, 32 samples at a time. */
    public List<INDArray> predict(List<INDArray> x) {
        return predict(x, 32);
    }

    public List<INDArray> predict(List<INDArray> x, int batchSize) {
        Compiled c = requireCompiled("predict");
        requirePositive(batchSize, "batchSize");
        return new Trainer(this, c).predict(checkedFeatures("x", x), batchSize);
    }

    /** {@link #predict(List)} with arrays by input name; the outputs by output name. */
    public Map<String, INDArray> predict(Map<String, INDArray> x) {
        List<INDArray> out = predict(byName(x, inputNames(), "x", "input"));
        Map<String, INDArray> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            named.put(outputNames().get(i), out.get(i));
        }
        return named;
    }

    // ---- weights, state ----

    /** All weights, flattened in layer order, as a copy (Keras's get_weights, concatenated). */
    public INDArray getWeights() {
        return requireCompiled("getWeights").network().params();
    }

    /**
     * Replaces all weights.
     *
     * @throws IllegalArgumentException if the length differs from {@link #countParams()}
     */
    public void setWeights(INDArray weights) {
        requireArgument(weights, "weights");
        requireCompiled("setWeights").network().setParams(weights);
    }

    /** Total number of parameters (trainable and not). */
    public abstract long countParams();

    /** Set by a callback to end {@code fit} after the current batch. */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean isStopTraining() {
        return stopTraining;
    }

    /**
     * Called by a callback from {@code onTrainBegin} (e.g. BackupAndRestore after restoring a
     * backup) to start {@code fit} at {@code epoch} instead of {@code initialEpoch}, as Keras's
     * {@code model._initial_epoch}.
     *
     * @throws IllegalArgumentException if {@code epoch} is negative
     */
    public void setInitialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("initial epoch must be >= 0, got " + epoch);
        }
        this.requestedInitialEpoch = epoch;
    }

    /** The epoch a callback asked {@code fit} to start at, or -1; reading it clears the request. */
    public int takeRequestedInitialEpoch() {
        int e = requestedInitialEpoch;
        requestedInitialEpoch = -1;
        return e;
    }

    /** The History of the running fit, or of the last one; null before the first fit (Keras's model.history). */
    public History history() {
        return history;
    }

    /** Set by {@link History#setModel}. */
    public void setHistory(History history) {
        this.history = history;
    }

    /** The compiled backend (DL4J network), for callbacks, saving and advanced users. */
    public CompiledNetwork network() {
        return requireCompiled("network").network();
    }

    /** What compile resolved, including the seed. */
    public Compiled compiled() {
        return requireCompiled("compiled");
    }

    // ---- layers, summary, saving: the same for every kind of model ----

    /** The model's layers in order (each once, without {@code Input}s), as Keras's {@code model.layers}. */
    public abstract List<Layer> layers();

    /**
     * The layer named {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing the names there are
     */
    public Layer getLayer(String name) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
            names.add(l.name());
        }
        throw new IllegalArgumentException("No layer named '" + name + "' in model '" + name() + "'; layers: " + names);
    }

    /**
     * The layer at {@code index} of {@link #layers()}.
     *
     * @throws IllegalArgumentException if the index is out of range
     */
    public Layer getLayer(int index) {
        List<Layer> layers = layers();
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException("layer index must be in [0, " + layers.size() + "), got " + index);
        }
        return layers.get(index);
    }

    /**
     * Keras's {@code model.trainable = ...}: sets every layer's {@link Layer#setTrainable trainable};
     * takes effect at the next {@code compile}, which keeps the weights.
     */
    public Model setTrainable(boolean trainable) {
        layers().forEach(l -> l.setTrainable(trainable));
        return this;
    }

    /** Keras's summary table as text: layer (type), output shape, parameter counts. */
    public abstract String summaryText();

    /** Prints Keras's summary table to standard output. */
    public void summary() {
        summary(System.out::print);
    }

    /** Passes the summary table to {@code printer}, as Keras's {@code print_fn}. */
    public void summary(Consumer<String> printer) {
        printer.accept(summaryText());
    }

    /** Writes the whole model (architecture, weights, optimizer state) to one file, atomically. */
    public void save(Path path) {
        ModelArchive.save(this, path);
    }

    /**
     * Loads a model written by {@link #save}: architecture, compile settings, weights and
     * optimizer state, as the kind of model it was saved from.
     *
     * @throws IllegalArgumentException if the file is missing, truncated or not a keras4j model
     */
    public static Model load(Path path) {
        return ModelArchive.load(path);
    }

    /** Writes the weights only, atomically. */
    public void saveWeights(Path path) {
        ModelArchive.saveWeights(this, path);
    }

    /**
     * Loads weights written by {@link #saveWeights} into this compiled model.
     *
     * @throws IllegalArgumentException if the file does not hold weights for this architecture
     */
    public void loadWeights(Path path) {
        ModelArchive.loadWeights(this, path);
    }

    // ---- helpers ----

    protected final Compiled requireCompiled(String operation) {
        if (compiled == null) {
            throw new IllegalStateException("You must call compile() before " + operation + "() on model '" + name + "'");
        }
        if (stale) {
            throw new IllegalStateException("model '" + name + "' has changed its layers since compile(): call compile()"
                    + " again before " + operation + "() (the layers it already had keep their weights)");
        }
        compiled.network().claimWeights(); // layers shared with another model that ran since carry their weights here
        return compiled;
    }

    /** Called when layers are added or removed: the model must be compiled again before it is used. */
    protected final void layersChanged() {
        stale = compiled != null;
    }

    /** Seeds ND4J's generator, which draws shuffling, dropout and noise, from the global sequence. */
    private static void startFit() {
        Nd4j.getRandom().setSeed(Keras.nextSeed());
    }

    /**
     * The {@code validationData} of {@code options} as batches, or null: arrays are checked here,
     * before training; an iterator's batches as they are drawn.
     */
    private BatchSource validationData(FitOptions options, Compiled c) {
        if (options.validationXs() != null) {
            List<INDArray> vx = checkedFeatures("validationData x", options.validationXs());
            List<INDArray> vy = checkedLabels("validationData y", options.validationYs(), vx.get(0).size(0), c);
            return new ArrayBatches(vx, vy, null, options.batchSize());
        }
        if (options.validationIterator() != null) {
            requireSingleInputOutput("validation on a DataSetIterator");
            return iteratorSource(options.validationIterator(), "validationData");
        }
        return null;
    }

    private BatchSource iteratorSource(DataSetIterator iterator, String argument) {
        Compiled c = compiled;
        return new IteratorBatches(iterator, (b, firstSample) -> {
            DataChecks.features(argument + " features", b.x(), inputShape(), describeInputLayer(0));
            INDArray y = DataChecks.labels(argument + " labels", b.y(), b.x().size(0), firstSample, c.loss(),
                    outputShape(), describeOutputLayer(0));
            return new Batch(asFloat(b.x()), y, null);
        });
    }

    /** One float array per input, each checked against its input's shape, all with the same number of samples. */
    private List<INDArray> checkedFeatures(String argument, List<INDArray> x) {
        List<Shape> shapes = inputShapes();
        requireArgument(x, argument);
        if (x.size() != shapes.size()) {
            throw new IllegalArgumentException(argument + " must have one array per model input (" + shapes.size() + ": "
                    + inputNames() + "), got " + x.size());
        }
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            String name = shapes.size() == 1 ? argument : argument + "[" + i + "] (input '" + inputNames().get(i) + "')";
            requireArgument(x.get(i), name);
            DataChecks.features(name, x.get(i), shapes.get(i), describeInputLayer(i));
            if (i > 0 && x.get(i).size(0) != x.get(0).size(0)) {
                throw new IllegalArgumentException("all input arrays must have the same number of samples: " + argument
                        + "[0] has " + x.get(0).size(0) + ", " + name + " has " + x.get(i).size(0));
            }
            out.add(asFloat(x.get(i)));
        }
        return out;
    }

    /** One label array per output, each checked against its output's shape and loss. */
    private List<INDArray> checkedLabels(String argument, List<INDArray> y, long samples, Compiled c) {
        requireArgument(y, argument);
        List<CompiledOutput> outputs = c.outputs();
        if (y.size() != outputs.size()) {
            throw new IllegalArgumentException(argument + " must have one array per model output (" + outputs.size() + ": "
                    + outputNames() + "), got " + y.size());
        }
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            String name = outputs.size() == 1 ? argument : argument + "[" + i + "] (output '" + outputs.get(i).name() + "')";
            requireArgument(y.get(i), name);
            out.add(DataChecks.labels(name, y.get(i), samples, outputs.get(i).loss(), outputs.get(i).shape(),
                    describeOutputLayer(i)));
        }
        return out;
    }

    private static List<INDArray> byName(Map<String, INDArray> arrays, List<String> names, String argument, String kind) {
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

    private static List<INDArray> rows(List<INDArray> arrays, long start, long end) {
        return arrays.stream().map(a -> ArrayBatches.rowRange(a, start, end)).toList();
    }

    private void requireSingleInputOutput(String operation) {
        if (inputShapes().size() != 1 || outputShapes().size() != 1) {
            throw new IllegalArgumentException(operation + " needs a model with one input and one output; model '" + name
                    + "' has " + inputShapes().size() + " inputs and " + outputShapes().size() + " outputs: pass lists of"
                    + " arrays");
        }
    }

    private static org.keras4j.engine.Trainer.FitSettings settings(FitOptions o) {
        if (o.initialEpoch() >= o.epochs()) {
            throw new IllegalArgumentException("initialEpoch (" + o.initialEpoch() + ") must be less than epochs ("
                    + o.epochs() + ")");
        }
        return new Trainer.FitSettings(o.epochs(), o.initialEpoch(), o.shuffle(), o.verbose());
    }

    private static INDArray asFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }

    private static void requireArgument(Object value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
    }

    private static void requirePositive(int value, String argument) {
        if (value <= 0) {
            throw new IllegalArgumentException(argument + " must be positive, got " + value);
        }
    }
}
