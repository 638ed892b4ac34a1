package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.LogCosh;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's log-cosh loss in DL4J; the derivative of {@code log(cosh(x))} is {@code tanh(x)}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new LogCoshLoss())
 * }</pre>
 */
public class LogCoshLoss extends ElementwiseLoss {
    @Override
    protected Loss createFormula() {
        return new LogCosh();
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        return Transforms.tanh(output.sub(labels), false);
    }
}
