package org.keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.engine.LayerWeights;
import org.keras4j.engine.Node;
import org.keras4j.utils.Configurable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of keras4j's layers: declarative configuration, output-shape inference and parameter
 * counts. A layer never touches DL4J; the model's translator turns it into DL4J configuration.
 *
 * <p>Names follow Keras: unless given with {@link #withName}, a model names its layers after
 * their class in snake case, numbered per model ({@code dense}, {@code dense_1}, …).
 *
 * <pre>{@code
 * Layer hidden = new Dense(64, "relu").withName("hidden");
 * Shape out = hidden.computeOutputShape(Shape.of(784));   // (None, 64)
 * Sequential model = new Sequential(new Dense(64, "relu").withInputShape(8), new Dense(1));
 * KerasTensor x = hidden.apply(Keras.input(784));           // the functional API
 * }</pre>
 */
public abstract class Layer implements Configurable {
    private String name;
    private Shape inputShape;
    private boolean trainable = true;
    /** Set by the model that compiled this layer; null before. */
    private LayerWeights weights;
    /** The calls of this layer in model graphs, in order (Keras's inbound nodes). */
    private final List<Node> nodes = new ArrayList<>();

    /**
     * Calls the layer on symbolic tensors, as Keras's {@code layer(x)}: checks at once that they
     * fit and returns the output tensor. Calling one layer object again shares its weights.
     *
     * @throws IllegalArgumentException if the inputs do not fit this layer, with the layer's name,
     *     the expected and the received shapes
     */
    public KerasTensor apply(KerasTensor... inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException(describe() + ": inputs must not be null");
        }
        return apply(Arrays.asList(inputs));
    }

    /** {@link #apply(KerasTensor...)} on a list of tensors (merge layers). */
    public KerasTensor apply(List<KerasTensor> inputs) {
        checkInputs(inputs);
        List<Shape> out = computeOutputShapes(inputs.stream().map(KerasTensor::shape).toList());
        if (out.size() != 1) {
            throw new IllegalArgumentException(describe() + " returns " + out.size() + " tensors " + out
                    + ": call it with applyAll, which returns them all, as Keras's list");
        }
        return call(inputs, out).get(0);
    }

    /**
     * Calls the layer on symbolic tensors and returns every tensor it produces, as Keras's
     * {@code outputs, h, c = LSTM(64, return_state=True)(x)}: one for most layers.
     *
     * <pre>{@code
     * List<KerasTensor> out = new LSTM(64).withReturnState(true).applyAll(x);
     * KerasTensor h = out.get(1), c = out.get(2);
     * }</pre>
     *
     * @throws IllegalArgumentException if the inputs do not fit this layer
     */
    public List<KerasTensor> applyAll(KerasTensor... inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException(describe() + ": inputs must not be null");
        }
        return applyAll(Arrays.asList(inputs));
    }

    /** {@link #applyAll(KerasTensor...)} on a list of tensors. */
    public List<KerasTensor> applyAll(List<KerasTensor> inputs) {
        checkInputs(inputs);
        return call(inputs, computeOutputShapes(inputs.stream().map(KerasTensor::shape).toList()));
    }

    private void checkInputs(List<KerasTensor> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException(describe() + " must be called on at least one tensor, got none");
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException(describe() + ": input " + i + " must not be null");
            }
        }
    }

    private List<KerasTensor> call(List<KerasTensor> inputs, List<Shape> outputShapes) {
        Node node = new Node(this, inputs, outputShapes);
        nodes.add(node);
        return node.outputs();
    }

    /**
     * The output tensor of the layer's first call, as Keras's {@code layer.output}: with
     * {@code model.getLayer("flatten").output()} a new model reads an intermediate result.
     *
     * @throws IllegalStateException if the layer has not been called on a tensor
     */
    public KerasTensor output() {
        return firstNode("output").output();
    }

    /** The input tensor of the layer's first call, as Keras's {@code layer.input}. */
    public KerasTensor input() {
        Node first = firstNode("input");
        if (first.inbound().size() != 1) {
            throw new IllegalStateException(describe() + " has " + first.inbound().size() + " inputs: use inputs()");
        }
        return first.inbound().get(0);
    }

    /** The calls of this layer, in order. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Forgets a call: a {@code Sequential} rebuilding its chain drops the old one. */
    public void removeNode(Node node) {
        nodes.remove(node);
    }

    private Node firstNode(String what) {
        if (nodes.isEmpty()) {
            throw new IllegalStateException(describe() + " has no " + what + " yet: it has not been called on a tensor"
                    + " (call it with apply, or put it in a model)");
        }
        return nodes.get(0);
    }

    /** The layer's name, or null until a model names it. */
    public String name() {
        return name;
    }

    /**
     * Sets the layer's name; it must be unique in its model.
     *
     * @throws IllegalArgumentException if blank
     */
    public Layer withName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("layer name must not be blank, got '" + name + "'");
        }
        this.name = name;
        return this;
    }

    /**
     * Keras's {@code input_shape} argument: the shape of one input sample, batch dimension
     * implicit. On the first layer of a {@code Sequential} it declares the model's input, as an
     * {@code Input} before it would; a {@code Sequential} ignores it on any other layer, with a
     * warning, as Keras does.
     *
     * @throws IllegalArgumentException if there are no dimensions or one is not positive
     */
    public Layer withInputShape(long... dims) {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("inputShape of " + describe() + " must have at least one dimension, got none");
        }
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("inputShape of " + describe() + " must have positive dimensions, got "
                        + java.util.Arrays.toString(dims));
            }
        }
        this.inputShape = Shape.of(dims);
        return this;
    }

    /** The {@code inputShape} argument, or null if none was given. */
    public Shape inputShape() {
        return inputShape;
    }

    /**
     * The layer's weights as Keras's {@code get_weights()}: copies, in Keras's order and shapes
     * (Dense kernel {@code [in, out]} then bias {@code [out]}; Conv2D kernel
     * {@code [kh, kw, in, out]}; LSTM kernel {@code [in, 4u]}, recurrent kernel {@code [u, 4u]},
     * bias {@code [4u]}, gates {@code i, f, c, o}; BatchNormalization gamma, beta, moving mean,
     * moving variance); empty for a layer without weights.
     *
     * @throws IllegalStateException if no model has compiled this layer yet (keras4j creates the
     *     weights when the model is compiled)
     */
    public List<INDArray> getWeights() {
        return boundWeights().get();
    }

    /**
     * Replaces the layer's weights, given as {@link #getWeights()} returns them.
     *
     * @throws IllegalArgumentException if the number of arrays or a shape differs from
     *     {@link #getWeights()}'s; nothing is written then
     * @throws IllegalStateException if no model has compiled this layer yet
     */
    public void setWeights(List<INDArray> weights) {
        boundWeights().set(weights);
    }

    /** Keras's {@code trainable}: whether {@code fit} updates this layer's weights (true by default). */
    public boolean isTrainable() {
        return trainable;
    }

    /**
     * Keras's {@code layer.trainable = ...}: a layer that is not trainable keeps its weights
     * bit-identical through {@code fit} while gradients still flow through it, and a
     * BatchNormalization runs in inference mode (as in Keras 3); {@code summary()} counts its
     * weights as non-trainable. As in Keras, the change takes effect at the next {@code compile},
     * which keeps the weights.
     */
    public Layer setTrainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /** Called by the model that compiles this layer, to give it its weights. */
    public void bindWeights(LayerWeights weights) {
        this.weights = weights;
    }

    /**
     * Where the layer's weights live now (the last model that used it), or null before any model
     * compiled it: a model sharing the layer takes the values from here before it runs.
     */
    public LayerWeights weightsBinding() {
        return weights;
    }

    private LayerWeights boundWeights() {
        if (weights == null) {
            throw new IllegalStateException(describe() + " has no weights yet: keras4j creates them when its model is"
                    + " compiled; call compile first");
        }
        return weights;
    }

    /** Called by a model to give an unnamed layer its default name. */
    public void assignDefaultName(String name) {
        if (this.name == null) {
            this.name = name;
        }
    }

    /** Keras's class name, e.g. {@code Dense}. */
    public String className() {
        return getClass().getSimpleName();
    }

    @Override
    public String identifier() {
        return className();
    }

    /** The default name prefix: the class name in snake case, as Keras's {@code to_snake_case}. */
    public String defaultNamePrefix() {
        String s = className().replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The shape this layer outputs for a given input shape.
     *
     * @throws IllegalArgumentException if the input shape does not fit this layer, with a message
     *     naming the layer, the expected and the received shape
     */
    public abstract Shape computeOutputShape(Shape inputShape);

    /**
     * The output shape for the shapes of the tensors the layer is called on; a single-input
     * layer takes exactly one (merge layers override this).
     *
     * @throws IllegalArgumentException for a number or shapes of inputs the layer does not take
     */
    public Shape computeOutputShape(List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException(describe() + " takes one input tensor, got " + inputShapes.size() + ": "
                    + inputShapes);
        }
        return computeOutputShape(inputShapes.get(0));
    }

    /**
     * The shapes of every tensor a call on these inputs produces, in order: one for most layers
     * (this default); a recurrent layer with {@code returnState} adds its final states.
     *
     * @throws IllegalArgumentException for a number or shapes of inputs the layer does not take
     */
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        return List.of(computeOutputShape(inputShapes));
    }

    /** Number of trainable parameters for this input shape. */
    public long countTrainableParams(Shape inputShape) {
        return 0;
    }

    /** Number of non-trainable parameters (e.g. batch-norm moving statistics). */
    public long countNonTrainableParams(Shape inputShape) {
        return 0;
    }

    /** All parameters, as Keras's {@code count_params()}. */
    public final long countParams(Shape inputShape) {
        return countTrainableParams(inputShape) + countNonTrainableParams(inputShape);
    }

    /** The layer's own arguments; the name is added by {@link #getConfig()}. */
    protected abstract Map<String, Object> layerConfig();

    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        if (name != null) {
            cfg.put("name", name);
        }
        cfg.putAll(layerConfig());
        return cfg;
    }

    /** The start of error messages about this layer: {@code Dense 'dense_1'}. */
    protected String describe() {
        return className() + (name == null ? "" : " '" + name + "'");
    }

    /** Fails unless the input has the given rank, with a message a Keras user understands. */
    protected void requireRank(Shape inputShape, int rank, String hint) {
        if (inputShape.rank() != rank) {
            throw new IllegalArgumentException(describe() + " expects input of rank " + rank + ", got shape "
                    + inputShape + (hint == null ? "" : ": " + hint));
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Applies the saved name of a config to a rebuilt layer. */
    protected static <L extends Layer> L withSavedName(L layer, Map<String, Object> config) {
        Object saved = config.get("name");
        if (saved != null) {
            layer.withName(saved.toString());
        }
        return layer;
    }
}
