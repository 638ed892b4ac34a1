package org.keras4j.losses;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Huber loss: with {@code e = y_pred - y_true}, {@code 0.5 * e^2} where {@code |e| <= delta}
 * and {@code delta * |e| - 0.5 * delta^2} elsewhere, averaged over the last axis.
 * {@code delta} defaults to 1.0. Identifiers: huber, huber_loss.
 *
 * <pre>{@code
 * model.compile("adam", new Huber(2.0));
 * }</pre>
 */
public final class Huber extends Loss {
    private final double delta;

    public Huber() {
        this(1.0);
    }

    /** @throws IllegalArgumentException if {@code delta} is not positive */
    public Huber(double delta) {
        super(false);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be a positive finite number, got " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    public String identifier() {
        return "huber";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        return Map.of("delta", delta);
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray error = pred.sub(labelsLike(yTrue, pred));
        INDArray absError = Transforms.abs(error, true);
        INDArray quadratic = error.mul(error).muli(0.5);
        INDArray linear = absError.mul(delta).subi(0.5 * delta * delta);
        INDArray inside = absError.lte(delta).castTo(pred.dataType());
        // where(|e| <= delta, quadratic, linear) as an arithmetic blend of the two branches
        INDArray outside = inside.rsub(1.0);
        return quadratic.muli(inside).addi(linear.muli(outside)).mean(1);
    }
}
