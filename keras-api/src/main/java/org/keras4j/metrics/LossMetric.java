package org.keras4j.metrics;

import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that is the mean over samples of a loss's per-sample value, so the metric and the
 * loss of the same name share one formula (Keras's {@code MeanMetricWrapper} around
 * {@code keras.losses.mean_squared_error} and friends).
 *
 * <pre>{@code
 * Metric mae = new MeanAbsoluteError();   // a LossMetric over losses.MeanAbsoluteError
 * }</pre>
 */
abstract class LossMetric extends MeanMetric {
    private final Loss formula;

    LossMetric(String name, Loss formula) {
        super(name);
        this.formula = formula;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return formula.call(labelsLike(yTrue, pred), pred);
    }
}
