package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanAbsolutePercentageError;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's mean absolute percentage error in DL4J, with its {@code max(|y|, 1e-7)} guard that
 * DL4J's {@code LossMAPE} lacks.
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new MeanAbsolutePercentageErrorLoss())
 * }</pre>
 */
public class MeanAbsolutePercentageErrorLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new MeanAbsolutePercentageError();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray scale = Transforms.max(Transforms.abs(labels, true), Loss.EPSILON, false);
        return Transforms.sign(output.sub(labels), false).muli(100.0).divi(scale);
    }
}
