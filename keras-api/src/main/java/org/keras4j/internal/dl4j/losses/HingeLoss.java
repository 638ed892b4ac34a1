package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Hinge;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's hinge loss in DL4J, with Keras's 0/1 to -1/1 label conversion per mini-batch:
 * derivative {@code -y} where the margin {@code 1 - y * y_pred} is positive, else 0.
 *
 * <pre>{@code
 * new OutputLayer.Builder().activation(Activation.TANH).lossFunction(new HingeLoss())
 * }</pre>
 */
public class HingeLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new Hinge();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray signed = Hinge.signedLabels(labels);
        INDArray active = signed.mul(output).rsubi(1.0).gt(0.0).castTo(output.dataType());
        return signed.neg().muli(active);
    }
}
