package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.MaskPlan;
import org.keras4j.engine.Node;
import org.keras4j.internal.dl4j.graph.Dl4jMergeVertices;
import org.keras4j.internal.dl4j.graph.LastAxisSliceVertex;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Merge;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The {@code ComputationGraph} assembler: turns a functional model's graph of layer calls into a
 * DL4J {@link ComputationGraphConfiguration}, with the per-layer dispatch ({@link LayerTranslator}),
 * the network-wide settings ({@link NetworkDefaults}) and the output / loss fusion
 * ({@link OutputFusion}) the {@code MultiLayerNetwork} assembler uses too.
 *
 * <ul>
 *   <li>Each layer call becomes DL4J layer vertices named after the layer; activations keep
 *       Keras's element order, so a consumer reading another {@link Layout} re-views them
 *       ({@link ReshapePreprocessor}), and Flatten and Reshape add no vertex.</li>
 *   <li>Merge layers become keras4j's merge vertex ({@link Dl4jMergeVertices}).</li>
 *   <li>A call with several inputs or outputs that is not a merge (a recurrent layer with
 *       initial states or {@code returnState}) reads its inputs side by side as one flat vector
 *       and writes its outputs the same way (a {@code Bidirectional} without merge mode: its two
 *       directions side by side on the last axis); each output tensor is a slice of it.</li>
 *   <li>A layer called several times (shared weights) runs once on its calls' inputs stacked
 *       along the batch ({@code StackVertex}), and each call's output is its slice
 *       ({@code UnstackVertex}), so one set of parameters receives every call's gradient.</li>
 *   <li>Each output ends in an output layer with its loss and loss weight: a last Dense (with a
 *       trailing activation) is fused into it, as in {@code Sequential}.</li>
 * </ul>
 *
 * <pre>{@code
 * GraphTranslator.Translation t = GraphTranslator.translate(inputs, outputs, compiledOutputs, new Adam(), 42L);
 * ComputationGraph graph = new ComputationGraph(t.configuration());
 * }</pre>
 */
public final class GraphTranslator {
    private final GraphBuilder graph;
    private final List<Regularization> decay;
    private final Set<KerasTensor> inputs;
    private final Map<KerasTensor, Port> ports = new IdentityHashMap<>();
    private final Map<Node, KerasTensor> skipped = new IdentityHashMap<>();
    /** Consumers of each tensor inside the model (a model output counts as one). */
    private final Map<KerasTensor, Integer> uses = new IdentityHashMap<>();
    /** The nodes of each layer inside the model, in order. */
    private final Map<Layer, List<Node>> calls = new IdentityHashMap<>();
    private final Map<Layer, List<String>> vertices = new IdentityHashMap<>();
    private final Set<Layer> building = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final MaskPlan masks;

    /** Where a tensor's values are in the DL4J graph: a vertex and the layout of its activations. */
    private record Port(String vertex, Layout layout, boolean networkInput) {
    }

    /**
     * What the assembler built: the configuration, the DL4J vertices each layer became (its
     * parameters are in the one with parameters) and the DL4J dims of each input sample.
     */
    public record Translation(ComputationGraphConfiguration configuration, Map<Layer, List<String>> layerVertices,
                              List<long[]> inputDims) {
    }

    private GraphTranslator(GraphBuilder graph, List<Regularization> decay, List<KerasTensor> inputs, List<Node> nodes,
                            List<KerasTensor> outputs, MaskPlan masks) {
        this.graph = graph;
        this.decay = decay;
        this.masks = masks;
        this.inputs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        this.inputs.addAll(inputs);
        for (Node node : nodes) {
            calls.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(node);
            node.inbound().forEach(t -> uses.merge(t, 1, Integer::sum));
        }
        outputs.forEach(t -> uses.merge(t, 1, Integer::sum));
    }

    /**
     * @param inputs the model's inputs, in order
     * @param nodes every layer call of the model but the inputs', each after the calls it reads
     * @param outputs the model's outputs, in the order of {@code compiledOutputs}
     */
    public static Translation translate(List<KerasTensor> inputs, List<Node> nodes, List<KerasTensor> outputs,
                                        List<CompiledOutput> compiledOutputs, Optimizer optimizer, long seed) {
        return translate(inputs, nodes, outputs, compiledOutputs, optimizer, seed, MaskPlan.NONE);
    }

    /** @param masks which layers a Keras mask reaches (recurrent layers then run with Keras's mask semantics) */
    public static Translation translate(List<KerasTensor> inputs, List<Node> nodes, List<KerasTensor> outputs,
                                        List<CompiledOutput> compiledOutputs, Optimizer optimizer, long seed,
                                        MaskPlan masks) {
        GraphBuilder graph = NetworkDefaults.builder(optimizer, seed).graphBuilder();
        GraphTranslator t = new GraphTranslator(graph, Dl4jUpdaters.weightDecay(optimizer), inputs, nodes, outputs, masks);
        List<long[]> inputDims = new ArrayList<>();
        InputType[] types = new InputType[inputs.size()];
        String[] inputNames = new String[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            KerasTensor in = inputs.get(i);
            Layout layout = Layout.natural(in.shape());
            inputNames[i] = in.layer().name();
            types[i] = layout.inputType();
            inputDims.add(layout.dims());
            t.ports.put(in, new Port(inputNames[i], layout, true));
        }
        graph.addInputs(inputNames);
        graph.setInputTypes(types);
        String[] outputNames = new String[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            outputNames[i] = t.output(outputs.get(i), compiledOutputs.get(i));
        }
        // calls no output depends on through a fused output layer are still translated
        for (Node node : nodes) {
            if (!t.skipped.containsKey(node)) {
                // a call's unused extra outputs (a final state nobody reads) get no vertex: DL4J refuses dangling ones
                node.outputs().stream().filter(o -> node.outputs().size() == 1 || t.uses.containsKey(o)).forEach(t::port);
            }
        }
        graph.setOutputs(outputNames);
        return new Translation(graph.build(), t.vertices, inputDims);
    }

    /** Adds output {@code tensor}'s output layer and returns its vertex name. */
    private String output(KerasTensor tensor, CompiledOutput compiled) {
        Node node = tensor.node();
        ActivationFunction tail = null;
        Node core = node;
        if (LayerTranslator.activationOf(node.layer()) != null && fusable(node, tensor)) {
            tail = LayerTranslator.activationOf(node.layer());
            core = node.inbound().get(0).node();
        }
        Shape outputShape = tensor.shape();
        org.deeplearning4j.nn.conf.layers.Layer out;
        Port in;
        String name;
        Layer owner;
        Layout wanted = Layout.flat(outputShape);
        if (core.layer() instanceof Dense d && core.inbound().get(0).shape().rank() == 1
                && fusable(core, core.output()) && (tail == null || d.activation().isLinear())) {
            // the Dense becomes DL4J's output layer, which owns the loss
            Shape denseInput = core.inbound().get(0).shape();
            out = OutputFusion.outputLayer(d, denseInput, tail, outputShape, compiled.loss(), compiled.lossWeight(), decay);
            out = d.isTrainable() ? out : Freezing.freeze(out);
            in = port(core.inbound().get(0));
            wanted = Layout.flat(denseInput);
            name = d.name();
            owner = d;
            skipped.put(core, tensor);
        } else if (tail != null) {
            out = OutputFusion.outputLayer(null, outputShape, tail, outputShape, compiled.loss(), compiled.lossWeight(),
                    decay);
            in = port(node.inbound().get(0));
            name = node.layer().name();
            owner = node.layer();
        } else {
            out = OutputFusion.outputLayer(null, outputShape, null, outputShape, compiled.loss(), compiled.lossWeight(),
                    decay);
            in = port(tensor);
            List<Node> layerCalls = calls.getOrDefault(node.layer(), List.of());
            name = node.layer().name() + "/loss" + (layerCalls.size() > 1 ? layerCalls.indexOf(node) : "")
                    + (node.outputs().size() > 1 ? "_" + tensor.index() : "");
            owner = null;
        }
        skipped.put(node, tensor);
        addLayer(name, out, in, wanted);
        if (owner != null) {
            vertices.computeIfAbsent(owner, l -> new ArrayList<>()).add(name);
        }
        return name;
    }

    /** True if a call's output is read only where the output layer fuses it, and its layer has no other call. */
    private boolean fusable(Node node, KerasTensor tensor) {
        return calls.getOrDefault(node.layer(), List.of()).size() == 1 && uses.getOrDefault(tensor, 0) == 1
                && !inputs.contains(tensor);
    }

    /** The port of {@code tensor}, translating the calls it depends on first. */
    private Port port(KerasTensor tensor) {
        Port p = ports.get(tensor);
        if (p != null) {
            return p;
        }
        Node node = tensor.node();
        Layer layer = node.layer();
        if (layer instanceof Input) {
            throw new IllegalStateException("internal: input " + layer + " is not an input of the model");
        }
        if (calls.get(layer).size() > 1) {
            shared(layer);
        } else if (node.outputs().size() > 1 || (node.inbound().size() > 1 && !(layer instanceof Merge))) {
            packed(node);
        } else if (layer instanceof Merge merge) {
            List<String> sources = new ArrayList<>();
            for (KerasTensor t : node.inbound()) {
                sources.add(port(t).vertex());
            }
            graph.addVertex(layer.name(), Dl4jMergeVertices.toDl4j(merge, node.inputShapes(), tensor.shape()),
                    sources.toArray(new String[0]));
            vertices.computeIfAbsent(layer, l -> new ArrayList<>()).add(layer.name());
            ports.put(tensor, new Port(layer.name(), Layout.natural(tensor.shape()), false));
        } else {
            ports.put(tensor, chain(layer, node.inbound().get(0).shape(), port(node.inbound().get(0)), layer.name()));
        }
        return ports.get(tensor);
    }

    /**
     * A call with several inputs or outputs that is not a merge (a recurrent layer given its
     * initial states or returning its final states): its DL4J layer reads the inputs side by side
     * as one flat vector per sample, each in Keras's element order, and writes its outputs the
     * same way; each output tensor is its slice ({@code SubsetVertex}).
     */
    private void packed(Node node) {
        Layer layer = node.layer();
        String name = layer.name();
        Port in;
        if (node.inbound().size() == 1) {
            in = port(node.inbound().get(0));
        } else {
            List<String> parts = new ArrayList<>();
            long width = 0;
            for (int i = 0; i < node.inbound().size(); i++) {
                KerasTensor t = node.inbound().get(i);
                Port p = port(t);
                Layout flat = Layout.flat(t.shape());
                width += flat.size();
                if (p.layout().equals(flat)) {
                    parts.add(p.vertex());
                } else {
                    String view = name + "/in" + i;
                    graph.addVertex(view, new PreprocessorVertex(new ReshapePreprocessor(p.layout(), flat,
                            p.networkInput())), p.vertex());
                    parts.add(view);
                }
            }
            graph.addVertex(name + "/inputs", new MergeVertex(), parts.toArray(new String[0]));
            in = new Port(name + "/inputs", Layout.flat(Shape.of(width)), false);
        }
        List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = LayerTranslator.translateCall(layer, node.inputShapes(),
                node.outputShapes(), decay, masks.reaches(layer));
        Port current = in;
        Layout wanted = node.inbound().size() == 1
                ? LayerTranslator.wantedLayout(layer, node.inbound().get(0).shape(), in.layout()) : in.layout();
        for (int k = 0; k < dl4j.size(); k++) {
            String vertex = k == 0 ? name : name + "/" + k;
            current = addLayer(vertex, dl4j.get(k), current, wanted);
            vertices.computeIfAbsent(layer, l -> new ArrayList<>()).add(vertex);
            wanted = current.layout();
        }
        List<KerasTensor> outputs = node.outputs();
        if (outputs.size() == 1) {
            ports.put(outputs.get(0), current);
            return;
        }
        // a flat packed output holds the tensors one after the other; any other (NWC steps) side by side on its last axis
        boolean flat = current.layout().kind() == Layout.Kind.FEED_FORWARD;
        long[] dims = current.layout().dims();
        long total = outputs.stream().mapToLong(t -> flat ? t.shape().size() : t.shape().last()).sum();
        if (total != (flat ? current.layout().size() : dims[dims.length - 1])) {
            throw new IllegalStateException("internal: DL4J computes " + current.layout() + " for " + layer
                    + " but Keras's outputs are " + node.outputShapes());
        }
        long from = 0;
        for (int i = 0; i < outputs.size(); i++) {
            Shape shape = outputs.get(i).shape();
            long width = flat ? shape.size() : shape.last();
            if (uses.containsKey(outputs.get(i))) {
                String slice = name + "/out" + i;
                graph.addVertex(slice, new LastAxisSliceVertex(from, from + width, shape.dims()), current.vertex());
                ports.put(outputs.get(i), new Port(slice, Layout.natural(shape), false));
            }
            from += width;
        }
    }

    /** The DL4J layers of a single-input layer after {@code in}; returns the port of its output. */
    private Port chain(Layer layer, Shape inShape, Port in, String name) {
        if (LayerTranslator.viewsOnly(layer)) {
            return in; // the values keep Keras's order; consumers view them in their own layout
        }
        Layout wanted = LayerTranslator.wantedLayout(layer, inShape, in.layout());
        List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = LayerTranslator.translate(layer, inShape, decay, false,
                masks.reaches(layer));
        Port current = in;
        for (int k = 0; k < dl4j.size(); k++) {
            String vertex = k == 0 ? name : name + "/" + k;
            current = addLayer(vertex, dl4j.get(k), current, wanted);
            vertices.computeIfAbsent(layer, l -> new ArrayList<>()).add(vertex);
            wanted = current.layout();
        }
        Shape out = layer.computeOutputShape(inShape);
        if (current.layout().size() != out.size()) {
            throw new IllegalStateException("internal: DL4J computes " + current.layout() + " for " + layer
                    + " but Keras's output shape is " + out);
        }
        if (current.layout().fold() != 1) {
            // TimeDistributed: unfold the steps here, as merge and stack vertices read ports as they are
            String unfold = name + "/unfold";
            graph.addVertex(unfold, new PreprocessorVertex(new ReshapePreprocessor(current.layout(), Layout.natural(out),
                    false)), current.vertex());
            current = new Port(unfold, Layout.natural(out), false);
        }
        return current;
    }

    /** Adds a layer vertex reading {@code in} in layout {@code wanted}, re-viewing it first if needed. */
    private Port addLayer(String name, org.deeplearning4j.nn.conf.layers.Layer layer, Port in, Layout wanted) {
        InputPreProcessor view = wanted.equals(in.layout()) ? null
                : new ReshapePreprocessor(in.layout(), wanted, in.networkInput());
        graph.addLayer(name, layer, view, in.vertex());
        // a layer reading steps folded into the batch (TimeDistributed) outputs them folded too
        return new Port(name, Layout.of(layer.getOutputType(-1, wanted.inputType())).folded(wanted.fold()), false);
    }

    /**
     * A layer called several times: its calls' inputs stacked along the batch, the layer once,
     * then each call's slice. The calls must not depend on each other (a layer applied to its
     * own output would need its weights twice in one pass, which DL4J's graph cannot share).
     */
    private void shared(Layer layer) {
        if (!building.add(layer)) {
            throw new IllegalArgumentException(layer + " is called on a tensor computed from its own output: keras4j's"
                    + " DL4J backend shares a layer's weights only between calls that do not depend on each other");
        }
        List<Node> nodes = calls.get(layer);
        if (layer instanceof Merge || layer instanceof BatchNormalization) {
            // stacking would merge the calls' batches: batch statistics would span every call
            throw new IllegalArgumentException(layer + " is called " + nodes.size() + " times: sharing a "
                    + layer.className() + " between calls is not supported by keras4j's DL4J backend");
        }
        Shape inShape = nodes.get(0).inbound().get(0).shape();
        List<String> stacked = new ArrayList<>();
        Layout wanted = null;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.outputs().size() != 1 || node.inbound().size() != 1) {
                throw new IllegalArgumentException(layer + " is called " + nodes.size() + " times with initial states or"
                        + " returnState: keras4j's DL4J backend shares a layer only between calls of one input and one"
                        + " output");
            }
            if (!node.inbound().get(0).shape().equals(inShape)) {
                throw new IllegalArgumentException(layer + " is called on inputs of shapes " + nodes.get(0).inputShapes()
                        + " and " + node.inputShapes() + ": keras4j's DL4J backend shares a layer between calls on"
                        + " inputs of one shape");
            }
            Port in = port(node.inbound().get(0));
            if (wanted == null) {
                wanted = LayerTranslator.viewsOnly(layer) ? in.layout()
                        : LayerTranslator.wantedLayout(layer, inShape, in.layout());
            }
            if (in.layout().equals(wanted)) {
                stacked.add(in.vertex());
            } else {
                String view = layer.name() + "/in" + i;
                graph.addVertex(view, new PreprocessorVertex(new ReshapePreprocessor(in.layout(), wanted,
                        in.networkInput())), in.vertex());
                stacked.add(view);
            }
        }
        String stack = layer.name() + "/stack";
        graph.addVertex(stack, new StackVertex(), stacked.toArray(new String[0]));
        Port out = chain(layer, inShape, new Port(stack, wanted, false), layer.name());
        for (int i = 0; i < nodes.size(); i++) {
            String call = layer.name() + "/call" + i;
            graph.addVertex(call, new UnstackVertex(i, nodes.size()), out.vertex());
            ports.put(nodes.get(i).output(), new Port(call, out.layout(), false));
        }
        building.remove(layer);
    }
}
