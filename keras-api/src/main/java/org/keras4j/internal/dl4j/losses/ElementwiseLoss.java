package org.keras4j.internal.dl4j.losses;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras loss that is the mean over the output units of an element-wise term (MAE, Huber,
 * log-cosh, …), or its sum for {@link #meanOverOutputs()} false (KL divergence).
 * Subclasses give the element-wise derivative.
 *
 * <pre>{@code
 * class AbsLoss extends ElementwiseLoss {
 *     protected Loss createFormula() { return new MeanAbsoluteError(); }
 *     protected INDArray elementGradient(INDArray y, INDArray a) { return Transforms.sign(a.sub(y)); }
 * }
 * }</pre>
 */
public abstract class ElementwiseLoss extends KerasLossFunction {
    /** The derivative of the element-wise term with respect to the output, element by element. */
    protected abstract INDArray elementGradient(INDArray labels, INDArray output);

    /** True when Keras averages the terms over the last axis, false when it sums them. */
    protected boolean meanOverOutputs() {
        return true;
    }

    /** The chain rule through the activation, dividing by the number of outputs when Keras averages. */
    @Override
    protected INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation) {
        INDArray output = activate(activation, preOutput);
        INDArray grad = elementGradient(labels, output);
        return backprop(activation, preOutput, meanOverOutputs() ? grad.divi(output.size(1)) : grad);
    }
}
