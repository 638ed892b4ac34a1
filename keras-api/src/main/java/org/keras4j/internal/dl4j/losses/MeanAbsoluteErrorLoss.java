package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanAbsoluteError;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's mean absolute error in DL4J. (DL4J's own {@code LossMAE} reports per-example scores
 * summed, not averaged, over the outputs.)
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new MeanAbsoluteErrorLoss())
 * }</pre>
 */
public class MeanAbsoluteErrorLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new MeanAbsoluteError();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        return Transforms.sign(output.sub(labels), false);
    }
}
