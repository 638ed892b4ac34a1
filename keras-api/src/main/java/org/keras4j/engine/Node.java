package org.keras4j.engine;

import java.util.List;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;

/**
 * One call of a layer in a model graph: the layer, the tensors it was called on and the tensor it
 * produced, as Keras's {@code Node}. A layer called twice has two nodes and one set of weights.
 * Nodes know nothing of DL4J; the translator reads them.
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
    private final KerasTensor output;

    /** Called by {@link Layer#apply}: the node is created with its output tensor. */
    public Node(Layer layer, List<KerasTensor> inbound, Shape outputShape) {
        this.layer = layer;
        this.inbound = List.copyOf(inbound);
        this.output = new KerasTensor(outputShape, this);
    }

    public Layer layer() {
        return layer;
    }

    /** The tensors the layer was called on, in order; empty for an {@code Input}. */
    public List<KerasTensor> inbound() {
        return inbound;
    }

    public KerasTensor output() {
        return output;
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
