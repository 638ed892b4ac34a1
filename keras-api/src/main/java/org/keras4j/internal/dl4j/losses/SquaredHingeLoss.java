package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Hinge;
import org.keras4j.losses.Loss;
import org.keras4j.losses.SquaredHinge;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's squared hinge loss in DL4J: derivative {@code -2 y max(1 - y * y_pred, 0)}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().activation(Activation.TANH).lossFunction(new SquaredHingeLoss())
 * }</pre>
 */
public class SquaredHingeLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new SquaredHinge();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray signed = Hinge.signedLabels(labels);
        INDArray margin = Transforms.max(signed.mul(output).rsubi(1.0), 0.0, false);
        return signed.mul(margin).muli(-2.0);
    }
}
