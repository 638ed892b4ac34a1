package org.keras4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.keras4j.callbacks.History;
import org.keras4j.engine.ArrayBatches;
import org.keras4j.engine.BatchSource;
import org.keras4j.engine.Compiled;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.IteratorBatches;
import org.keras4j.engine.Node;
import org.keras4j.engine.SampleWeights;
import org.keras4j.engine.Trainer;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.losses.Loss;
import org.keras4j.losses.Losses;
import org.keras4j.metrics.Metric;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.Optimizers;
import org.keras4j.saving.keras.KerasFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
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
    /** True after {@link #build()} until {@link #compile}: weights exist, training settings do not. */
    private boolean buildOnly;
    private volatile boolean stopTraining;
    private int requestedInitialEpoch = -1;
    private History history;

    /** What a model that is only built ({@link #build()}) cannot do. */
    private static final Set<String> NEEDS_COMPILE = Set.of("optimizer", "loss", "metrics",
            "metricsNames", "fit", "evaluate", "compiled");

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
            List<KerasTensor> out = node.layer().applyAll(in);
            for (int i = 0; i < out.size(); i++) {
                replaced.put(node.outputs().get(i), out.get(i));
            }
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
        List<Loss> losses = new ArrayList<>();
        for (int i = 0; i < outputShapes().size(); i++) {
            losses.add(loss); // losses hold no state: one object serves every output
        }
        compileOutputs(optimizer, losses, null, CompileSettings.metricsForEachOutput(this, losses, metrics),
                Keras.nextSeed());
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
        CompileSettings.requirePerOutput(this, losses, "losses");
        List<Loss> resolvedLosses = losses.stream().map(Losses::get).toList();
        compileOutputs(Optimizers.get(optimizer), resolvedLosses, lossWeights,
                CompileSettings.metricsPerOutput(this, resolvedLosses, metrics), Keras.nextSeed());
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
        List<Double> weights = CompileSettings.byOutputName(this, lossWeights, 1.0, "lossWeights");
        List<List<String>> metricLists = CompileSettings.byOutputName(this, metrics, List.of(), "metrics");
        List<String> lossList = CompileSettings.byOutputName(this, losses, null, "losses");
        for (int i = 0; i < names.size(); i++) {
            if (lossList.get(i) == null) {
                throw new IllegalArgumentException("losses has no loss for output '" + names.get(i) + "'; outputs: " + names);
            }
        }
        compile(optimizer, lossList, weights, metricLists);
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
        List<CompiledOutput> outputs = CompileSettings.outputs(this, losses, lossWeights, metrics);
        CompiledNetwork network = buildNetwork(outputs, optimizer, seed);
        this.compiled = new Compiled(optimizer, outputs, network, seed);
        this.stale = false;
        this.buildOnly = false;
    }

    /**
     * Keras's {@code model.build()}: creates the weights without training settings, so that {@code predict},
     * {@code getWeights} / {@code setWeights} and {@code summary} work; {@code fit} and {@code evaluate} still need
     * {@code compile}, which keeps the weights. Does nothing on a model that is compiled. A Keras file saved
     * without a training configuration loads as such a model, as Keras's {@code load_model} returns it uncompiled.
     *
     * <pre>{@code
     * Model m = new Sequential(new Input(4), new Dense(2));
     * m.build();
     * m.getLayer(0).setWeights(List.of(kernel, bias));
     * INDArray y = m.predict(x);
     * }</pre>
     */
    public void build() {
        if (compiled != null && !stale) {
            return;
        }
        List<Loss> placeholders = new ArrayList<>();
        for (int i = 0; i < outputShapes().size(); i++) {
            placeholders.add(Losses.get("mse")); // never trained: only the network's shape matters
        }
        List<List<Metric>> noMetrics = new ArrayList<>();
        placeholders.forEach(l -> noMetrics.add(List.of()));
        compileOutputs(Optimizers.get("sgd"), placeholders, null, noMetrics, Keras.nextSeed());
        this.buildOnly = true;
    }

    /** True once {@code compile} has run (and the layers have not changed since); false after {@link #build()} alone. */
    public boolean isCompiled() {
        return compiled != null && !stale && !buildOnly;
    }

    /** True once the model has weights: after {@code compile} or {@link #build()}. */
    public boolean isBuilt() {
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
        List<INDArray> features = data().checkedFeatures("x", x);
        long n = features.get(0).size(0);
        List<INDArray> labels = data().checkedLabels("y", y, n, c);
        if (options.classWeight() != null && (c.multiOutput() || outputShape().rank() > 1)) {
            // as Keras: a class weight per position would need one weight per label, not per sample
            throw new IllegalArgumentException("classWeight is only supported for a single output of rank 1 (n, classes),"
                    + " got output shapes " + outputShapes() + ": pass sampleWeight instead");
        }
        INDArray weights = SampleWeights.combine(options.sampleWeight(), options.classWeight(), labels.get(0), n);

        BatchSource validation = data().validationData(options, c);
        if (validation == null && options.validationSplit() > 0) {
            long splitAt = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit() + " of " + n
                        + " samples leaves " + (splitAt == 0 ? "no training" : "no validation") + " samples");
            }
            validation = new ArrayBatches(ModelData.rows(features, splitAt, n), ModelData.rows(labels, splitAt, n), null,
                    options.batchSize());
            features = ModelData.rows(features, 0, splitAt);
            labels = ModelData.rows(labels, 0, splitAt);
            weights = weights == null ? null : ArrayBatches.rowRange(weights, 0, splitAt);
        }
        startFit();
        BatchSource train = new ArrayBatches(features, labels, weights, options.batchSize());
        return new Trainer(this, c).fit(train, validation, settings(options), options.callbacks());
    }

    /** {@link #fit(List, List, FitOptions)} with arrays by input and output name, as Keras's dictionary form. */
    public History fit(Map<String, INDArray> x, Map<String, INDArray> y, FitOptions options) {
        return fit(ModelData.byName(x, inputNames(), "x", "input"), ModelData.byName(y, outputNames(), "y", "output"), options);
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
        data().requireSingleInputOutput("fit on a DataSetIterator");
        BatchSource validation = data().validationData(options, c);
        startFit();
        return new Trainer(this, c).fit(data().iteratorSource(data, "data"), validation, settings(options), options.callbacks());
    }

    /**
     * Trains on a DL4J {@link MultiDataSetIterator} giving arrays per input and per output, as
     * Keras's {@code fit} on a generator of {@code ([x1, x2], [y1, y2])}; batch size and order are
     * the iterator's.
     */
    public History fit(MultiDataSetIterator data, FitOptions options) {
        Compiled c = requireCompiled("fit");
        requireArgument(data, "data");
        requireArgument(options, "options");
        BatchSource validation = data().validationData(options, c);
        startFit();
        return new Trainer(this, c).fit(new IteratorBatches(data, data().checkedBatches("data", c)), validation,
                settings(options), options.callbacks());
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
        List<INDArray> features = data().checkedFeatures("x", x);
        List<INDArray> labels = data().checkedLabels("y", y, features.get(0).size(0), c);
        return new Trainer(this, c).evaluate(new ArrayBatches(features, labels, null, batchSize), List.of());
    }

    /** {@link #evaluate(List, List)} with arrays by input and output name. */
    public Map<String, Double> evaluate(Map<String, INDArray> x, Map<String, INDArray> y) {
        return evaluate(ModelData.byName(x, inputNames(), "x", "input"), ModelData.byName(y, outputNames(), "y", "output"));
    }

    /** Loss, each output's loss and metrics over a {@link MultiDataSetIterator}'s batches. */
    public Map<String, Double> evaluate(MultiDataSetIterator data) {
        Compiled c = requireCompiled("evaluate");
        requireArgument(data, "data");
        return new Trainer(this, c).evaluate(new IteratorBatches(data, data().checkedBatches("data", c)), List.of());
    }

    public Map<String, Double> evaluate(DataSetIterator data) {
        Compiled c = requireCompiled("evaluate");
        requireArgument(data, "data");
        data().requireSingleInputOutput("evaluate on a DataSetIterator");
        return new Trainer(this, c).evaluate(data().iteratorSource(data, "data"), List.of());
    }

    /** Outputs in inference mode, 32 samples at a time, for a model with one input and one output. */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    public INDArray predict(INDArray x, int batchSize) {
        requireArgument(x, "x");
        data().requireSingleInputOutput("predict on one array");
        return predict(List.of(x), batchSize).get(0);
    }

    /** Outputs in inference mode, one array per output, from one array per input, 32 samples at a time. */
    public List<INDArray> predict(List<INDArray> x) {
        return predict(x, 32);
    }

    public List<INDArray> predict(List<INDArray> x, int batchSize) {
        Compiled c = requireCompiled("predict");
        requirePositive(batchSize, "batchSize");
        return new Trainer(this, c).predict(data().checkedFeatures("x", x), batchSize);
    }

    /** {@link #predict(List)} with arrays by input name; the outputs by output name. */
    public Map<String, INDArray> predict(Map<String, INDArray> x) {
        List<INDArray> out = predict(ModelData.byName(x, inputNames(), "x", "input"));
        Map<String, INDArray> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            named.put(outputNames().get(i), out.get(i));
        }
        return named;
    }

    // ---- weights, state ----

    /**
     * All weights as Keras's {@code model.get_weights()}: copies of each layer's
     * {@link Layer#getWeights()} in the order of {@link #layers()} (a shared layer once), in
     * Keras's shapes. The backend's flat parameter vector is {@code network().params()}.
     */
    public List<INDArray> getWeights() {
        requireCompiled("getWeights");
        List<INDArray> all = new ArrayList<>();
        for (Layer l : layers()) {
            all.addAll(l.getWeights());
        }
        return all;
    }

    /**
     * Replaces all weights, given as {@link #getWeights()} returns them.
     *
     * @throws IllegalArgumentException if the number of arrays or a shape differs from
     *     {@link #getWeights()}'s; nothing is written then
     */
    public void setWeights(List<INDArray> weights) {
        requireArgument(weights, "weights");
        requireCompiled("setWeights");
        List<Layer> layers = layers();
        List<List<INDArray>> current = new ArrayList<>();
        int expected = 0;
        for (Layer l : layers) {
            current.add(l.getWeights());
            expected += current.get(current.size() - 1).size();
        }
        if (weights.size() != expected) {
            throw new IllegalArgumentException("model '" + name + "': setWeights expects " + expected + " arrays (the"
                    + " weights of its layers in order), got " + weights.size());
        }
        int next = 0;
        for (List<INDArray> layerWeights : current) { // every shape first: nothing is written if one is wrong
            for (INDArray w : layerWeights) {
                INDArray given = weights.get(next);
                if (given == null || !java.util.Arrays.equals(given.shape(), w.shape())) {
                    throw new IllegalArgumentException("model '" + name + "': weight " + next + " expects shape "
                            + java.util.Arrays.toString(w.shape()) + ", got "
                            + (given == null ? "null" : java.util.Arrays.toString(given.shape())));
                }
                next++;
            }
        }
        next = 0;
        for (int i = 0; i < layers.size(); i++) {
            int count = current.get(i).size();
            layers.get(i).setWeights(weights.subList(next, next + count));
            next += count;
        }
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

    /**
     * Keras's {@code model.reset_states()}: every stateful recurrent layer (and stateful
     * {@code Bidirectional}) starts its next call from zero states.
     *
     * @throws IllegalStateException if not compiled
     */
    public void resetStates() {
        requireCompiled("resetStates");
        for (Layer layer : layers()) {
            if (layer instanceof BaseRNN<?> rnn && rnn.stateful()) {
                rnn.resetStates();
            } else if (layer instanceof Bidirectional b && b.forwardLayer().stateful()) {
                b.resetStates();
            }
        }
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

    /**
     * Writes the whole model to one file, atomically: a path ending in {@code .keras} gets a Keras 3 file that
     * Python Keras's {@code load_model} opens (architecture, compile settings, weights); any other path keras4j's
     * own format, which also keeps the optimizer's state and step count. Needs {@code compile} or {@link #build()}.
     */
    public void save(Path path) {
        KerasFiles.save(this, path);
    }

    /**
     * Loads a model from a file: keras4j's own format (architecture, compile settings, weights, optimizer state), a
     * Keras 3 {@code .keras} file, or a legacy Keras HDF5 model file (Keras 1.x to 3.x); see {@link KerasFiles}.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, not a model file, or holds a model
     *                                  keras4j cannot rebuild (listing every reason)
     */
    public static Model load(Path path) {
        return KerasFiles.load(path);
    }

    /**
     * Keras's {@code keras.models.model_from_json}: a model from the JSON config of {@code model.to_json()} (Keras
     * 1.x to 3.x), without weights and not compiled; {@code build()} or {@code compile(...)} it, then
     * {@link #loadWeights}.
     */
    public static Model fromJson(String json) {
        return KerasFiles.fromJson(json);
    }

    /**
     * Writes the weights only, atomically: Keras 3's weights file for a path ending in {@code .weights.h5}, else
     * keras4j's format.
     */
    public void saveWeights(Path path) {
        KerasFiles.saveWeights(this, path);
    }

    /**
     * Loads weights into this compiled (or built) model from a keras4j weights or model file, a Keras HDF5 file
     * ({@code save_weights} or a whole model, of any Keras version) or a {@code .keras} file.
     *
     * @throws IllegalArgumentException if the file does not hold weights for this architecture
     */
    public void loadWeights(Path path) {
        KerasFiles.loadWeights(this, path);
    }

    // ---- helpers ----

    private ModelData data() {
        return new ModelData(this);
    }

    protected final Compiled requireCompiled(String operation) {
        if (compiled == null) {
            throw new IllegalStateException("You must call compile() before " + operation + "() on model '" + name + "'");
        }
        if (stale) {
            throw new IllegalStateException("model '" + name + "' has changed its layers since compile(): call compile()"
                    + " again before " + operation + "() (the layers it already had keep their weights)");
        }
        if (buildOnly && NEEDS_COMPILE.contains(operation)) {
            throw new IllegalStateException("You must call compile() before " + operation + "() on model '" + name
                    + "': it has weights (build() or a file without training settings) but no loss or optimizer");
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

    private static org.keras4j.engine.Trainer.FitSettings settings(FitOptions o) {
        if (o.initialEpoch() >= o.epochs()) {
            throw new IllegalArgumentException("initialEpoch (" + o.initialEpoch() + ") must be less than epochs ("
                    + o.epochs() + ")");
        }
        return new Trainer.FitSettings(o.epochs(), o.initialEpoch(), o.shuffle(), o.verbose());
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
