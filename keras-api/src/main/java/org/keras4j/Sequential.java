package org.keras4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.backend.Backend;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.Node;
import org.keras4j.engine.SummaryFormatter;
import org.keras4j.engine.MaskPlan;
import org.keras4j.internal.dl4j.Dl4jSequentialNetwork;
import org.keras4j.internal.dl4j.SequentialTranslator;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Input;
import org.keras4j.losses.Loss;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.saving.ModelArchive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A linear stack of layers, as Keras's {@code Sequential}; compiles to a DL4J
 * {@code MultiLayerNetwork}. Start it with an {@link Input} giving the sample shape, or give
 * the first layer an {@code inputShape} ({@code new Dense(64, "relu").withInputShape(8)}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Input(28, 28),
 *         new Flatten(),
 *         new Dense(128, "relu"),
 *         new Dropout(0.2),
 *         new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * model.summary();
 * model.fit(xTrain, yTrain, FitOptions.defaults().epochs(5).validationSplit(0.1));
 * }</pre>
 */
public class Sequential extends Model {
    private static final Logger LOG = LoggerFactory.getLogger(Sequential.class);
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    private Input input;
    /** The layers' calls in this model, a chain from the input's tensor (empty until the input is known). */
    private final List<Node> chain = new ArrayList<>();

    public Sequential(Layer... layers) {
        this("sequential", layers);
    }

    public Sequential(String name, Layer... layers) {
        super(name);
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /**
     * Appends a layer, checking at once that it accepts the previous layer's output. On a
     * compiled model, compile again before using it: the layers it had keep their weights.
     *
     * @throws IllegalArgumentException if the layer does not fit, its name is taken, or an
     *     {@code Input} comes after other layers
     */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
        if (layer instanceof Input in) {
            if (input != null || !layers.isEmpty()) {
                throw new IllegalArgumentException("Input must be the first layer of Sequential '" + name() + "'");
            }
            input = in;
            return this;
        }
        // as Keras: the first layer's input_shape makes the InputLayer
        Input declared = layer.inputShape() != null && input == null && layers.isEmpty() ? new Input(layer.inputShape()) : null;
        if (layer.name() != null && getLayerOrNull(layer.name()) != null) {
            throw new IllegalArgumentException("Sequential '" + name() + "' already has a layer named '" + layer.name()
                    + "': layer names must be unique");
        }
        if (declared != null || input != null) {
            // fails early with the layer's message
            layer.computeOutputShape(declared != null ? declared.shape() : outputShapeOf(layers.size()));
        }
        if (layer.name() == null) {
            String prefix = layer.defaultNamePrefix();
            String candidate;
            do {
                int count = nameCounts.merge(prefix, 1, Integer::sum);
                candidate = count == 1 ? prefix : prefix + "_" + (count - 1);
            } while (getLayerOrNull(candidate) != null);
            layer.assignDefaultName(candidate);
        }
        if (declared != null) {
            input = declared;
        } else if (layer.inputShape() != null) {
            LOG.warn("Sequential '{}': inputShape {} of layer {} is ignored: only the first layer's inputShape declares "
                    + "the model's input", name(), layer.inputShape(), layer);
        }
        layers.add(layer);
        if (input != null) {
            KerasTensor previous = chain.isEmpty() ? input.output() : chain.get(chain.size() - 1).output();
            if (layer.computeOutputShapes(List.of(previous.shape())).size() != 1) {
                layers.remove(layers.size() - 1);
                throw new IllegalArgumentException("Sequential '" + name() + "': all layers in a Sequential model must have"
                        + " a single output tensor, but " + layer + " returns " + layer.computeOutputShapes(
                        List.of(previous.shape())).size() + " (returnState?): use the functional API for multi-output"
                        + " layers");
            }
            chain.add(layer.apply(previous).node());
        }
        layersChanged();
        return this;
    }

    /**
     * Removes and returns the last layer. On a compiled model, as with {@link #add}, compile again
     * before using it: the remaining layers keep their weights (replacing a trained model's head).
     */
    public Layer pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers to pop");
        }
        Layer popped = layers.remove(layers.size() - 1);
        if (chain.size() > layers.size()) {
            popped.removeNode(chain.remove(chain.size() - 1));
        }
        layersChanged();
        return popped;
    }

    @Override
    public Sequential setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        return this;
    }

    /** The layers in order, without the {@code Input}. */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    private Layer getLayerOrNull(String name) {
        for (Layer l : layers) {
            if (name.equals(l.name())) {
                return l;
            }
        }
        return null;
    }

    @Override
    public Shape inputShape() {
        if (input == null) {
            throw new IllegalStateException("Sequential '" + name() + "' has no input shape: start it with new Input(...)");
        }
        return input.shape();
    }

    @Override
    public Shape outputShape() {
        return outputShapeOf(layers.size());
    }

    /** The output shape after the first {@code count} layers. */
    private Shape outputShapeOf(int count) {
        Shape s = inputShape();
        for (int i = 0; i < count; i++) {
            s = layers.get(i).computeOutputShape(s);
        }
        return s;
    }

    @Override
    protected CompiledNetwork buildNetwork(List<CompiledOutput> outputs, Optimizer optimizer, long seed) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers to compile");
        }
        Backend.configure();
        Shape in = inputShape();
        CompiledOutput out = outputs.get(0);
        MaskPlan masks = MaskPlan.of(inputs(), nodes(), outputs());
        Dl4jSequentialNetwork network = new Dl4jSequentialNetwork(SequentialTranslator.translate(layers, in, out.loss(),
                out.lossWeight(), optimizer, seed, masks), in, outputShape());
        // compiling again keeps the weights, as Keras does (a changed trainable takes effect this way)
        network.bindWeights(layers, in);
        network.setMaskPlan(masks);
        return network;
    }

    /** The input's tensor, as Keras's {@code model.inputs}: with a layer's {@code output()} it makes sub-models. */
    @Override
    public List<KerasTensor> inputs() {
        return List.of(requireInput().output());
    }

    /** The last layer's output tensor, as Keras's {@code model.outputs}. */
    @Override
    public List<KerasTensor> outputs() {
        requireInput();
        if (chain.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers, so no output");
        }
        return List.of(chain.get(chain.size() - 1).output());
    }

    @Override
    public List<Node> nodes() {
        return Collections.unmodifiableList(chain);
    }

    private Input requireInput() {
        if (input == null) {
            throw new IllegalStateException("Sequential '" + name() + "' has no input shape: start it with new Input(...)");
        }
        return input;
    }

    @Override
    public List<String> inputNames() {
        return List.of(input != null && input.name() != null ? input.name() : "input_layer");
    }

    @Override
    public List<String> outputNames() {
        return List.of(layers.isEmpty() ? name() : layers.get(layers.size() - 1).name());
    }

    @Override
    protected String describeInputLayer(int index) {
        return layers.isEmpty() ? "Sequential '" + name() + "'" : "layer " + layers.get(0);
    }

    @Override
    protected String describeOutputLayer(int index) {
        return layers.isEmpty() ? "Sequential '" + name() + "'" : "layer " + layers.get(layers.size() - 1);
    }

    @Override
    public long countParams() {
        long total = 0;
        Shape s = inputShape();
        for (Layer l : layers) {
            total += l.countParams(s);
            s = l.computeOutputShape(s);
        }
        return total;
    }

    @Override
    public String summaryText() {
        List<SummaryFormatter.Row> rows = new ArrayList<>();
        Shape s = inputShape();
        for (Layer l : layers) {
            Shape out = l.computeOutputShape(s);
            long trainable = l.isTrainable() ? l.countTrainableParams(s) : 0; // a frozen layer's weights: all non-trainable
            rows.add(new SummaryFormatter.Row(l.name(), l.className(), out.toString(), trainable,
                    l.countParams(s) - trainable));
            s = out;
        }
        return SummaryFormatter.format(name(), rows);
    }

    /** The input declaration, or null if none yet. */
    public Input input() {
        return input;
    }

    /**
     * Loads a model written by {@link #save}: architecture, compile settings, weights and optimizer state.
     *
     * @throws IllegalArgumentException if the file is missing, truncated or not a keras4j model
     */
    public static Sequential load(Path path) {
        Model model = Model.load(path);
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException(path + " holds a " + model.getClass().getSimpleName()
                    + " model, not a Sequential: load it with Model.load");
        }
        return sequential;
    }

    /** Compiles with a given seed; used by loading to rebuild the same network. */
    public void compile(Optimizer optimizer, Loss loss, List<org.keras4j.metrics.Metric> metrics, long seed) {
        compileWithSeed(optimizer, loss, metrics, seed);
    }
}
