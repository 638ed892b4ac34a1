package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;

/**
 * The order of a model's layers as Keras 3's {@code model.layers} lists them: a {@code Sequential}'s layers without
 * its input; a functional model's by decreasing depth from the outputs, ties in the order a depth-first walk from
 * the outputs first meets them (Keras's {@code map_graph}), inputs included. Keras names each layer's group in a
 * {@code .keras} weights file by this order ({@code layers/dense}, {@code layers/dense_1}, ...), so reading and
 * writing must follow it exactly, not keras4j's own call order.
 *
 * <pre>{@code
 * List<Layer> order = KerasLayerOrder.of(model);
 * }</pre>
 */
public final class KerasLayerOrder {
    private KerasLayerOrder() {
    }

    /** {@code model}'s layers in Keras 3's {@code model.layers} order. */
    public static List<Layer> of(Model model) {
        if (model instanceof Sequential) {
            return model.layers();
        }
        return functional(model.inputs(), model.outputs());
    }

    static List<Layer> functional(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        List<Node> decreasingDepth = new ArrayList<>();
        Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<KerasTensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(inputs);
        for (KerasTensor out : outputs) {
            walk(out, inputSet, finished, inProgress, decreasingDepth, firstSeen);
        }
        Set<Node> inGraph = Collections.newSetFromMap(new IdentityHashMap<>());
        inGraph.addAll(decreasingDepth);
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new LinkedHashMap<>();
        for (int i = decreasingDepth.size() - 1; i >= 0; i--) {
            Node node = decreasingDepth.get(i);
            int depth = nodeDepth.computeIfAbsent(node, n -> 0);
            depth = Math.max(depth, layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            for (KerasTensor t : node.inbound()) {
                Node parent = t.node();
                if (inGraph.contains(parent)) {
                    nodeDepth.put(parent, Math.max(depth + 1, nodeDepth.getOrDefault(parent, 0)));
                }
            }
        }
        for (KerasTensor in : inputs) { // an input no output reads still counts, at depth 0, first
            if (!layerDepth.containsKey(in.layer())) {
                layerDepth.put(in.layer(), 0);
                firstSeen.put(in.layer(), -1);
            }
        }
        Map<Integer, List<Layer>> byDepth = new HashMap<>();
        layerDepth.forEach((layer, depth) -> byDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(layer));
        List<Integer> depths = new ArrayList<>(byDepth.keySet());
        depths.sort(Comparator.reverseOrder());
        List<Layer> order = new ArrayList<>();
        Set<Layer> added = new HashSet<>();
        for (int d : depths) {
            List<Layer> atDepth = byDepth.get(d);
            atDepth.sort(Comparator.comparingInt(firstSeen::get));
            for (Layer l : atDepth) {
                if (added.add(l)) {
                    order.add(l);
                }
            }
        }
        return order;
    }

    private static void walk(KerasTensor tensor, Set<KerasTensor> inputs, Set<Node> finished, Set<Node> inProgress,
                             List<Node> decreasingDepth, Map<Layer, Integer> firstSeen) {
        Node node = tensor.node();
        if (finished.contains(node)) {
            return;
        }
        boolean isInput = node.inbound().isEmpty();
        if (!isInput && inputs.contains(tensor)) { // an intermediate tensor given as a model input
            finished.add(node);
            return;
        }
        if (inProgress.contains(node)) {
            throw new IllegalArgumentException("the graph has a cycle through layer '" + node.layer().name() + "'");
        }
        firstSeen.putIfAbsent(node.layer(), firstSeen.size());
        inProgress.add(node);
        for (KerasTensor in : node.inbound()) {
            walk(in, inputs, finished, inProgress, decreasingDepth, firstSeen);
        }
        finished.add(node);
        inProgress.remove(node);
        decreasingDepth.add(node);
    }
}
