package org.keras4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keras4j.backend.Backend;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.Node;
import org.keras4j.engine.SummaryFormatter;
import org.keras4j.engine.MaskPlan;
import org.keras4j.internal.dl4j.Dl4jGraphNetwork;
import org.keras4j.internal.dl4j.GraphTranslator;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.Optimizer;

/**
 * A model built with Keras's functional API: any directed acyclic graph of layer calls from
 * one or more inputs to one or more outputs, as {@code keras.Model(inputs, outputs)}; compiles to
 * a DL4J {@code ComputationGraph}. A layer object called twice shares one set of weights; a model
 * made from an existing model's tensors (a feature extractor) shares its layers' weights.
 *
 * <pre>{@code
 * KerasTensor inputs = Keras.input(784);
 * KerasTensor x = new Dense(64, "relu").apply(inputs);
 * KerasTensor outputs = new Dense(10, "softmax").apply(x);
 * Functional model = new Functional(inputs, outputs);
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * model.fit(xTrain, yTrain, FitOptions.defaults().epochs(5));
 *
 * Functional features = new Functional(model.inputs(), model.getLayer("dense").output());
 * }</pre>
 */
public class Functional extends Model {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    /** Every layer call but the inputs', each after the calls it reads. */
    private final List<Node> nodes;
    /** Inputs first, then the other layers in the order of their first call (Keras's {@code model.layers}). */
    private final List<Layer> layers;

    /** A model with one input and one output. */
    public Functional(KerasTensor inputs, KerasTensor outputs) {
        this("functional", List.of(checked(inputs, "inputs")), List.of(checked(outputs, "outputs")));
    }

    public Functional(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this("functional", inputs, outputs);
    }

    /** A model with one output from the given inputs, as {@code keras.Model(model.inputs, layer.output)}. */
    public Functional(List<KerasTensor> inputs, KerasTensor output) {
        this("functional", inputs, List.of(checked(output, "outputs")));
    }

    /**
     * @param inputs tensors made by {@link Keras#input}, in the order data will be given
     * @param outputs tensors computed from the inputs, in the order of losses and predictions
     * @throws IllegalArgumentException if an output cannot be computed from the inputs alone
     *     (Keras's "graph disconnected"), an input is unused or given twice, or two layers share a name
     */
    public Functional(String name, List<KerasTensor> inputs, List<KerasTensor> outputs) {
        super(name);
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Functional '" + name + "' needs at least one input tensor, got " + inputs);
        }
        if (outputs == null || outputs.isEmpty() || outputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Functional '" + name + "' needs at least one output tensor, got " + outputs);
        }
        Set<KerasTensor> inputSet = identitySet();
        for (KerasTensor in : inputs) {
            if (!(in.layer() instanceof Input)) {
                throw new IllegalArgumentException("inputs of Functional '" + name + "' must be tensors made by Keras.input,"
                        + " got the output of " + in.layer());
            }
            if (!inputSet.add(in)) {
                throw new IllegalArgumentException("input " + in + " is given twice to Functional '" + name + "'");
            }
        }
        Set<KerasTensor> outputSet = identitySet();
        for (KerasTensor out : outputs) {
            if (!outputSet.add(out)) {
                throw new IllegalArgumentException("output " + out + " is given twice to Functional '" + name + "'");
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.nodes = walk(name, inputSet, outputs);
        Set<KerasTensor> used = identitySet();
        nodes.forEach(n -> used.addAll(n.inbound()));
        used.addAll(outputs);
        for (KerasTensor in : inputs) {
            if (!used.contains(in)) {
                throw new IllegalArgumentException("input " + in + " of Functional '" + name + "' is not used by any output");
            }
        }
        List<Layer> all = new ArrayList<>();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        inputs.forEach(t -> {
            all.add(t.layer());
            seen.add(t.layer());
        });
        for (Node n : nodes) {
            if (seen.add(n.layer())) {
                all.add(n.layer());
            }
        }
        this.layers = Collections.unmodifiableList(all);
        nameLayers(name, layers);
    }

    /** Depth-first from the outputs: every call an output depends on, each after the calls it reads. */
    private static List<Node> walk(String model, Set<KerasTensor> inputs, List<KerasTensor> outputs) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor out : outputs) {
            visit(model, out, inputs, done, order, new ArrayList<>());
        }
        return List.copyOf(order);
    }

    private static void visit(String model, KerasTensor tensor, Set<KerasTensor> inputs, Set<Node> done, List<Node> order,
                              List<Layer> path) {
        Node node = tensor.node();
        if (done.contains(node)) {
            return;
        }
        if (node.layer() instanceof Input) {
            if (!inputs.contains(tensor)) {
                // Keras's "graph disconnected": the value of this input is not given to the model
                throw new IllegalArgumentException("Graph disconnected: Functional '" + model + "' cannot obtain the value"
                        + " of " + tensor + (path.isEmpty() ? "" : " needed by " + path.get(path.size() - 1))
                        + ": it is not one of the model's inputs");
            }
            done.add(node);
            return;
        }
        path.add(node.layer());
        for (KerasTensor in : node.inbound()) {
            visit(model, in, inputs, done, order, path);
        }
        path.remove(path.size() - 1);
        done.add(node);
        order.add(node);
    }

    /** Gives unnamed layers Keras's default names, numbered per model, and checks that names are unique. */
    private static void nameLayers(String model, List<Layer> layers) {
        Set<String> taken = new HashSet<>();
        Map<String, Layer> byName = new HashMap<>();
        for (Layer l : layers) {
            if (l.name() != null) {
                Layer other = byName.putIfAbsent(l.name(), l);
                if (other != null && other != l) {
                    throw new IllegalArgumentException("Functional '" + model + "' has two layers named '" + l.name()
                            + "': " + other.className() + " and " + l.className() + "; layer names must be unique");
                }
                taken.add(l.name());
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Layer l : layers) {
            if (l.name() == null) {
                String prefix = l.defaultNamePrefix();
                String candidate;
                do {
                    int count = counts.merge(prefix, 1, Integer::sum);
                    candidate = count == 1 ? prefix : prefix + "_" + (count - 1);
                } while (taken.contains(candidate));
                l.assignDefaultName(candidate);
                taken.add(candidate);
            }
        }
    }

    /** The model's input tensors, in order (Keras's {@code model.inputs}). */
    @Override
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The model's output tensors, in order (Keras's {@code model.outputs}). */
    @Override
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** Every layer call of the model but the inputs', each after the calls it reads. */
    @Override
    public List<Node> nodes() {
        return nodes;
    }

    /** The layers, {@code Input}s first, as Keras's {@code model.layers}; a shared layer once. */
    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Shape inputShape() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("Functional '" + name() + "' has " + inputs.size() + " inputs: use inputShapes()");
        }
        return inputs.get(0).shape();
    }

    @Override
    public Shape outputShape() {
        if (outputs.size() != 1) {
            throw new IllegalStateException("Functional '" + name() + "' has " + outputs.size()
                    + " outputs: use outputShapes()");
        }
        return outputs.get(0).shape();
    }

    @Override
    public List<Shape> inputShapes() {
        return inputs.stream().map(KerasTensor::shape).toList();
    }

    @Override
    public List<Shape> outputShapes() {
        return outputs.stream().map(KerasTensor::shape).toList();
    }

    @Override
    public List<String> inputNames() {
        return inputs.stream().map(t -> t.layer().name()).toList();
    }

    @Override
    public List<String> outputNames() {
        return outputs.stream().map(t -> t.layer().name()).toList();
    }

    @Override
    protected String describeInputLayer(int index) {
        return "input " + inputs.get(index).layer();
    }

    @Override
    protected String describeOutputLayer(int index) {
        return "layer " + outputs.get(index).layer();
    }

    @Override
    protected CompiledNetwork buildNetwork(List<CompiledOutput> compiledOutputs, Optimizer optimizer, long seed) {
        Backend.configure();
        MaskPlan masks = MaskPlan.of(inputs, nodes, outputs);
        GraphTranslator.Translation t = GraphTranslator.translate(inputs, nodes, outputs, compiledOutputs, optimizer, seed,
                masks);
        Dl4jGraphNetwork network = new Dl4jGraphNetwork(t, outputShapes());
        // a layer shared with another model, or compiled before, keeps its weights, as in Keras
        network.bindWeights(firstInputShapes(), t.layerVertices());
        network.setMaskPlan(masks);
        return network;
    }

    /** Each layer but the inputs with the input shape of its first call in this model. */
    private Map<Layer, Shape> firstInputShapes() {
        Map<Layer, Shape> shapes = new LinkedHashMap<>();
        for (Node n : nodes) {
            shapes.putIfAbsent(n.layer(), n.inbound().get(0).shape());
        }
        return shapes;
    }

    @Override
    public long countParams() {
        long total = 0;
        for (Map.Entry<Layer, Shape> e : firstInputShapes().entrySet()) {
            total += e.getKey().countParams(e.getValue());
        }
        return total;
    }

    /**
     * Keras's summary table: every layer with its type, output shape and parameter counts, and,
     * unless the graph is a plain chain, the "Connected to" column naming each call's inputs as
     * {@code layer[node][tensor]}.
     */
    @Override
    public String summaryText() {
        boolean chain = isChain();
        Map<Layer, List<Node>> calls = new LinkedHashMap<>();
        for (Node n : nodes) {
            calls.computeIfAbsent(n.layer(), l -> new ArrayList<>()).add(n);
        }
        List<SummaryFormatter.Row> rows = new ArrayList<>();
        for (KerasTensor in : inputs) {
            Layer l = in.layer();
            rows.add(new SummaryFormatter.Row(l.name(), l.className(), in.shape().toString(), 0, 0,
                    chain ? null : List.of("-")));
        }
        for (Map.Entry<Layer, List<Node>> e : calls.entrySet()) {
            Layer l = e.getKey();
            Node first = e.getValue().get(0);
            Shape in = first.inbound().get(0).shape();
            long trainable = l.isTrainable() ? l.countTrainableParams(in) : 0; // a frozen layer's weights: all non-trainable
            List<String> connected = new ArrayList<>();
            for (Node n : e.getValue()) {
                for (KerasTensor t : n.inbound()) {
                    connected.add(t.layer().name() + "[" + Math.max(0, t.layer().nodes().indexOf(t.node())) + "][" + t.index()
                            + "]");
                }
            }
            List<Shape> shapes = first.outputShapes();
            // Keras prints a call producing several tensors as the list of their shapes
            String shown = shapes.size() == 1 ? shapes.get(0).toString()
                    : shapes.stream().map(Shape::toString).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
            rows.add(new SummaryFormatter.Row(l.name(), l.className(), shown, trainable,
                    l.countParams(in) - trainable, chain ? null : connected));
        }
        return SummaryFormatter.format(name(), rows);
    }

    /** True when the graph is a plain chain, which Keras summarizes without "Connected to". */
    private boolean isChain() {
        if (inputs.size() != 1 || outputs.size() != 1) {
            return false;
        }
        Map<KerasTensor, Integer> uses = new IdentityHashMap<>();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : nodes) {
            if (n.inbound().size() != 1 || !seen.add(n.layer())) {
                return false;
            }
            if (uses.merge(n.inbound().get(0), 1, Integer::sum) > 1) {
                return false;
            }
        }
        return true;
    }

    private static Set<KerasTensor> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static KerasTensor checked(KerasTensor t, String argument) {
        if (t == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        return t;
    }
}
