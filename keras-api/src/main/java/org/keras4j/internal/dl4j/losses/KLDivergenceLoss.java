package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.KLDivergence;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's KL divergence in DL4J, summed over the outputs; predictions outside the clip range
 * {@code [1e-7, 1]} get zero gradient, as Keras's clip gives them.
 *
 * <pre>{@code
 * new OutputLayer.Builder().activation(Activation.SOFTMAX).lossFunction(new KLDivergenceLoss())
 * }</pre>
 */
public class KLDivergenceLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new KLDivergence();
    }

    @Override
    protected boolean meanOverOutputs() {
        return false;
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray clippedLabels = Transforms.max(Transforms.min(labels, 1.0, true), Loss.EPSILON, false);
        INDArray clippedOutput = Transforms.max(Transforms.min(output, 1.0, true), Loss.EPSILON, false);
        return clippedLabels.divi(clippedOutput).negi().muli(inside(output, Loss.EPSILON, 1.0));
    }
}
