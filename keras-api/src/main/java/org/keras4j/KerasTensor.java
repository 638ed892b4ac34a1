package org.keras4j;

import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;

/**
 * A symbolic tensor of the functional API, as Keras's {@code KerasTensor}: the shape of one
 * sample (batch dimension implicit) and the layer call that produces it. It holds no values;
 * calling layers on it builds the graph a {@link Functional} model is made of.
 *
 * <pre>{@code
 * KerasTensor inputs = Keras.input(784);
 * KerasTensor x = new Dense(64, "relu").apply(inputs);
 * KerasTensor outputs = new Dense(10, "softmax").apply(x);
 * Functional model = new Functional(inputs, outputs);
 * }</pre>
 */
public final class KerasTensor {
    private final Shape shape;
    private final Node node;
    private final int index;

    /** Created by a {@link Node}; use {@link Keras#input} or {@link Layer#apply}. */
    public KerasTensor(Shape shape, Node node, int index) {
        this.shape = shape;
        this.node = node;
        this.index = index;
    }

    /** Shape of one sample, without the batch dimension. */
    public Shape shape() {
        return shape;
    }

    /** The layer call that produces this tensor. */
    public Node node() {
        return node;
    }

    /** Which of its call's outputs this tensor is (0 unless the layer returns several, as Keras's tensor index). */
    public int index() {
        return index;
    }

    /** The layer that produces this tensor. */
    public Layer layer() {
        return node.layer();
    }

    @Override
    public String toString() {
        return "KerasTensor(shape=" + shape + ", layer=" + node.layer() + ")";
    }
}
