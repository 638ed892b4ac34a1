package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanSquaredLogarithmicError;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's mean squared logarithmic error in DL4J, including its {@code max(x, 1e-7)} floor on
 * predictions and labels (flat, so zero gradient, below the floor).
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new MeanSquaredLogarithmicErrorLoss())
 * }</pre>
 */
public class MeanSquaredLogarithmicErrorLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new MeanSquaredLogarithmicError();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray logPred = Transforms.log1p(Transforms.max(output, Loss.EPSILON, true), false);
        INDArray logTrue = Transforms.log1p(Transforms.max(labels, Loss.EPSILON, true), false);
        INDArray aboveFloor = output.gt(Loss.EPSILON).castTo(output.dataType());
        return logPred.subi(logTrue).muli(2.0).divi(output.add(1.0)).muli(aboveFloor);
    }
}
