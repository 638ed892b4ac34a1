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
import org.keras4j.engine.DataChecks;
import org.keras4j.engine.IteratorBatches;
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

    /** Shape of one input sample. */
    public abstract Shape inputShape();

    /** Shape of one output sample. */
    public abstract Shape outputShape();

    /** Builds the backend network for this architecture. */
    protected abstract CompiledNetwork buildNetwork(Loss loss, Optimizer optimizer, long seed);

    /** Names the layer that receives the input, for error messages. */
    protected abstract String describeInputLayer();

    /** Names the layer that produces the output, for error messages. */
    protected abstract String describeOutputLayer();

    // ---- compile ----

    /**
     * Compiles with Keras identifiers, e.g. {@code compile("adam", "categorical_crossentropy", "accuracy")}.
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
        List<Metric> resolved = new ArrayList<>();
        for (String m : metrics) {
            resolved.add(Metrics.get(m, loss, outputShape().last()));
        }
        compile(optimizer, loss, resolved);
    }

    /** Compiles with typed metric objects. */
    public void compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
        requireArgument(optimizer, "optimizer");
        requireArgument(loss, "loss");
        requireArgument(metrics, "metrics");
        compileWithSeed(optimizer, loss, metrics, Keras.nextSeed());
    }

    /** Compiles with an explicit weight-initialisation seed (save/load uses it to rebuild). */
    protected final void compileWithSeed(Optimizer optimizer, Loss loss, List<Metric> metrics, long seed) {
        List<String> names = new ArrayList<>();
        for (Metric m : metrics) {
            if (names.contains(m.name()) || m.name().equals("loss")) {
                throw new IllegalArgumentException("metric names must be unique and not 'loss', got " + m.name() + " twice");
            }
            names.add(m.name());
        }
        CompiledNetwork network = buildNetwork(loss, optimizer, seed);
        this.compiled = new Compiled(optimizer, loss, List.copyOf(metrics), network, seed);
        this.stale = false;
    }

    public boolean isCompiled() {
        return compiled != null && !stale;
    }

    /** The compiled optimizer; change its learning rate between batches or epochs. */
    public Optimizer optimizer() {
        return requireCompiled("optimizer").optimizer();
    }

    public Loss loss() {
        return requireCompiled("loss").loss();
    }

    public List<Metric> metrics() {
        return requireCompiled("metrics").metrics();
    }

    /** The keys {@code evaluate} returns: {@code loss} then each metric. */
    public List<String> metricsNames() {
        List<String> names = new ArrayList<>();
        names.add("loss");
        for (Metric m : metrics()) {
            names.add(m.name());
        }
        return names;
    }

    // ---- fit ----

    /** Trains for {@code epochs} epochs with Keras's defaults (batch size 32, shuffled, verbose 1). */
    public History fit(INDArray x, INDArray y, int epochs) {
        return fit(x, y, FitOptions.defaults().epochs(epochs));
    }

    /**
     * Trains on in-memory arrays.
     *
     * @param x samples, shape {@code (n, inputShape...)}
     * @param y labels, {@code (n, outputs)}, or {@code (n)} / {@code (n, 1)} class indices for sparse losses
     * @throws IllegalStateException if not compiled
     * @throws IllegalArgumentException for shapes that do not match the model, NaN, or empty data
     */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        Compiled c = requireCompiled("fit");
        requireArgument(options, "options");
        DataChecks.features("x", x, inputShape(), describeInputLayer());
        INDArray labels = DataChecks.labels("y", y, x.size(0), c.loss(), outputShape(), describeOutputLayer());
        if (options.classWeight() != null && outputShape().rank() > 1) {
            // as Keras: a class weight per position would need one weight per label, not per sample
            throw new IllegalArgumentException("classWeight is only supported for outputs of rank 1 (n, classes), got "
                    + "output shape " + outputShape() + ": pass sampleWeight instead");
        }
        INDArray weights = SampleWeights.combine(options.sampleWeight(), options.classWeight(), labels, x.size(0));
        INDArray features = asFloat(x);

        BatchSource validation = validationData(options, c);
        long n = features.size(0);
        if (validation == null && options.validationSplit() > 0) {
            long splitAt = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit() + " of " + n
                        + " samples leaves " + (splitAt == 0 ? "no training" : "no validation") + " samples");
            }
            validation = new ArrayBatches(ArrayBatches.rowRange(features, splitAt, n), ArrayBatches.rowRange(labels, splitAt, n),
                    null, options.batchSize());
            features = ArrayBatches.rowRange(features, 0, splitAt);
            labels = ArrayBatches.rowRange(labels, 0, splitAt);
            weights = weights == null ? null : ArrayBatches.rowRange(weights, 0, splitAt);
        }
        startFit();
        BatchSource train = new ArrayBatches(features, labels, weights, options.batchSize());
        return new Trainer(this, c).fit(train, validation, settings(options), options.callbacks());
    }

    /**
     * Trains on a DL4J iterator; batch size and order are the iterator's ({@code batchSize},
     * {@code shuffle}, {@code validationSplit}, {@code classWeight} do not apply).
     */
    public History fit(DataSetIterator data, FitOptions options) {
        Compiled c = requireCompiled("fit");
        requireArgument(data, "data");
        requireArgument(options, "options");
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
        Compiled c = requireCompiled("evaluate");
        requirePositive(batchSize, "batchSize");
        DataChecks.features("x", x, inputShape(), describeInputLayer());
        INDArray labels = DataChecks.labels("y", y, x.size(0), c.loss(), outputShape(), describeOutputLayer());
        return new Trainer(this, c).evaluate(new ArrayBatches(asFloat(x), labels, null, batchSize), List.of());
    }

    public Map<String, Double> evaluate(DataSetIterator data) {
        Compiled c = requireCompiled("evaluate");
        requireArgument(data, "data");
        return new Trainer(this, c).evaluate(iteratorSource(data, "data"), List.of());
    }

    /** Outputs in inference mode, 32 samples at a time. */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    public INDArray predict(INDArray x, int batchSize) {
        Compiled c = requireCompiled("predict");
        requirePositive(batchSize, "batchSize");
        DataChecks.features("x", x, inputShape(), describeInputLayer());
        return new Trainer(this, c).predict(asFloat(x), batchSize);
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
        return compiled;
    }

    /** Called when layers are added or removed: the model must be compiled again before it is used. */
    protected final void layersChanged() {
        stale = compiled != null;
    }

    /** The network of the last compile, even if layers changed since, or null: its weights carry over. */
    protected final CompiledNetwork lastNetwork() {
        return compiled == null ? null : compiled.network();
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
        if (options.validationX() != null) {
            DataChecks.features("validationData x", options.validationX(), inputShape(), describeInputLayer());
            INDArray vy = DataChecks.labels("validationData y", options.validationY(), options.validationX().size(0),
                    c.loss(), outputShape(), describeOutputLayer());
            return new ArrayBatches(asFloat(options.validationX()), vy, null, options.batchSize());
        }
        if (options.validationIterator() != null) {
            return iteratorSource(options.validationIterator(), "validationData");
        }
        return null;
    }

    private BatchSource iteratorSource(DataSetIterator iterator, String argument) {
        Compiled c = compiled;
        return new IteratorBatches(iterator, (b, firstSample) -> {
            DataChecks.features(argument + " features", b.x(), inputShape(), describeInputLayer());
            INDArray y = DataChecks.labels(argument + " labels", b.y(), b.x().size(0), firstSample, c.loss(),
                    outputShape(), describeOutputLayer());
            return new Batch(asFloat(b.x()), y, null);
        });
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
