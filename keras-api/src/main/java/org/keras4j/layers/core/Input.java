package org.keras4j.layers.core;

import java.util.List;
import java.util.Map;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Declares the shape of one input sample (batch dimension implicit), as Keras's
 * {@code InputLayer}: the first layer of a {@code Sequential}, or, through {@link #output()}
 * (or {@link org.keras4j.Keras#input}), the start of a functional graph. It has no parameters
 * and {@code Sequential}'s {@code summary()} does not list it.
 *
 * <pre>{@code
 * new Sequential(new Input(8), new Dense(10, "relu"), new Dense(1));
 * KerasTensor title = Keras.input("title", 100);
 * }</pre>
 */
public final class Input extends Layer {
    private final Shape shape;
    private KerasTensor output;

    public Input(long... shape) {
        this.shape = Shape.of(shape);
    }

    public Input(Shape shape) {
        this.shape = shape;
    }

    public static Input fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Input(Configs.getLongArray(cfg, "shape")), cfg);
    }

    public Shape shape() {
        return shape;
    }

    /** The symbolic tensor this input feeds into a functional graph (one per {@code Input}). */
    @Override
    public KerasTensor output() {
        if (output == null) {
            output = new Node(this, List.of(), shape).output();
        }
        return output;
    }

    /** An input has no weights: an empty list, as Keras's {@code InputLayer}. */
    @Override
    public List<INDArray> getWeights() {
        return List.of();
    }

    /** Accepts only an empty list, as Keras's {@code InputLayer}. */
    @Override
    public void setWeights(List<INDArray> weights) {
        if (weights == null || !weights.isEmpty()) {
            throw new IllegalArgumentException(describe() + " has no weights: setWeights expects an empty list, got "
                    + (weights == null ? "null" : weights.size() + " arrays"));
        }
    }

    /** An {@code Input} is not called on tensors: its {@link #output()} starts a graph. */
    @Override
    public KerasTensor apply(List<KerasTensor> inputs) {
        throw new IllegalArgumentException(describe() + " is not called on tensors: use Keras.input(...) or"
                + " new Input(...).output() to start a graph");
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return shape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("shape", shape.dims());
    }
}
