package org.keras4j.layers.activations;

import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.layers.Layer;

/**
 * Base of the parameter-free activation layers ({@link ReLU}, {@link LeakyReLU}, {@link ELU},
 * {@link Softmax}): each is one {@link ActivationFunction} applied element-wise.
 *
 * <pre>{@code
 * ActivationFunction f = new LeakyReLU(0.1).function();
 * }</pre>
 */
public abstract class ActivationLayer extends Layer {
    /** The function this layer applies. */
    public abstract ActivationFunction function();

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }
}
