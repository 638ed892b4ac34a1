package org.keras4j.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that is the mean over all samples seen of a per-sample value, as Keras's
 * {@code MeanMetricWrapper} (accuracy, mse, mae, …).
 *
 * <pre>{@code
 * class MyMetric extends MeanMetric {
 *     MyMetric() { super("my_metric"); }
 *     protected INDArray values(INDArray yTrue, INDArray yPred) { return yPred.sub(yTrue).mean(1); }
 *     public String identifier() { return "my_metric"; }
 *     public Metric copy() { return new MyMetric(); }
 * }
 * }</pre>
 */
public abstract class MeanMetric extends Metric {
    private double total;
    private long count;

    protected MeanMetric(String name) {
        super(name);
    }

    /** The per-sample values: shape {@code [n]}. */
    protected abstract INDArray values(INDArray yTrue, INDArray yPred);

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        INDArray v = values(yTrue, yPred).castTo(DataType.DOUBLE);
        total += v.sumNumber().doubleValue();
        count += v.length();
    }

    /** The mean so far; 0 before any update, as Keras. */
    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }
}
