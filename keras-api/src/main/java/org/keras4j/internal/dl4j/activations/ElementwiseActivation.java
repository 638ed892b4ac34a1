package org.keras4j.internal.dl4j.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the element-wise activations: a subclass gives {@code f(x)} and {@code f'(x)}, this
 * class fulfils DL4J's contract (activation written into the input, {@code dL/dz = f'(z) * dL/da},
 * no parameters).
 *
 * <pre>{@code
 * INDArray a = new KerasSilu().getActivation(z.dup(), false);
 * INDArray dLdz = new KerasSilu().backprop(z.dup(), dLda).getFirst();
 * }</pre>
 */
public abstract class ElementwiseActivation extends BaseActivationFunction {
    /** {@code f(x)} as a new array; {@code x} is left unchanged. */
    protected abstract INDArray forward(INDArray x);

    /** {@code f'(x)} as a new array; {@code x} is left unchanged. */
    protected abstract INDArray derivative(INDArray x);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.assign(forward(in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(derivative(in).muli(epsilon), null);
    }

    /** Equal to any instance of the same class; subclasses with arguments compare them too. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
