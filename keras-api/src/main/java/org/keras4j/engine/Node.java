package org.keras4j.engine;

import java.util.List;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;

/**
 * One call of a layer in a model graph: the layer, the tensors it was called on and the tensors it
 * produced (one for most layers; a recurrent layer with {@code returnState} gives its output and
 * its final states), as Keras's {@code Node}. A layer called twice has two nodes and one set of
 * weights. Nodes know nothing of DL4J; the translator reads them.
 *
 * <pre>{@code
 * KerasTensor x = Keras.input(784);
 * KerasTensor y = new Dense(10).apply(x);
 * Node node = y.node();   // layer Dense, inbound [x]
 * }</pre>
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inbound;
    private final List<KerasTensor> outputs;

    /** Called by {@link Layer#apply}: the node is created with its output tensor. */
    public Node(Layer layer, List<KerasTensor> inbound, Shape outputShape) {
        this(layer, inbound, List.of(outputShape));
    }

    /** A call producing one tensor per shape, in order ({@link Layer#applyAll}). */
    public Node(Layer layer, List<KerasTensor> inbound, List<Shape> outputShapes) {
        if (outputShapes.isEmpty()) {
            throw new IllegalArgumentException("internal: a call of " + layer + " must produce at least one tensor");
        }
        this.layer = layer;
        this.inbound = List.copyOf(inbound);
        List<KerasTensor> out = new java.util.ArrayList<>();
        for (int i = 0; i < outputShapes.size(); i++) {
            out.add(new KerasTensor(outputShapes.get(i), this, i));
        }
        this.outputs = List.copyOf(out);
    }

    public Layer layer() {
        return layer;
    }

    /** The tensors the layer was called on, in order; empty for an {@code Input}. */
    public List<KerasTensor> inbound() {
        return inbound;
    }

    /**
     * The tensor this call produced.
     *
     * @throws IllegalStateException if it produced several: use {@link #outputs()}
     */
    public KerasTensor output() {
        if (outputs.size() != 1) {
            throw new IllegalStateException(layer + " produced " + outputs.size() + " tensors in this call: use outputs()");
        }
        return outputs.get(0);
    }

    /** The tensors this call produced, in order (Keras's {@code node.outputs}). */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** The shapes of the output tensors, in order. */
    public List<Shape> outputShapes() {
        return outputs.stream().map(KerasTensor::shape).toList();
    }

    /** The shapes of the inbound tensors, in order. */
    public List<Shape> inputShapes() {
        return inbound.stream().map(KerasTensor::shape).toList();
    }

    @Override
    public String toString() {
        return "Node(" + layer + ")";
    }
}
