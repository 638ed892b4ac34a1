package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Huber;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Huber loss in DL4J; its derivative is the error clipped to {@code [-delta, delta]}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new HuberLoss(1.0))
 * }</pre>
 */
public class HuberLoss extends ElementwiseLoss {
    private double delta = 1.0;

    /** For JSON; delta 1.0. */
    public HuberLoss() {
    }

    public HuberLoss(double delta) {
        setDelta(delta);
    }

    public double getDelta() {
        return delta;
    }

    /** @throws IllegalArgumentException if {@code delta} is not positive */
    public void setDelta(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be a positive finite number, got " + delta);
        }
        this.delta = delta;
        invalidate();
    }

    @Override
    protected Loss createFormula() {
        return new Huber(delta);
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        return Transforms.max(Transforms.min(output.sub(labels), delta, false), -delta, false);
    }
}
