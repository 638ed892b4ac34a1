package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Loss;
import org.keras4j.losses.Poisson;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's Poisson loss in DL4J: derivative {@code 1 - y / (y_pred + 1e-7)}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new PoissonLoss())
 * }</pre>
 */
public class PoissonLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new Poisson();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        return labels.div(output.add(Loss.EPSILON)).rsubi(1.0);
    }
}
