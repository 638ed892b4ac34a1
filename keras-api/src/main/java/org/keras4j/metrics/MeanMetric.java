package org.keras4j.metrics;

import org.keras4j.backend.Backend;
import org.keras4j.backend.FastPaths;
import org.keras4j.internal.HostArrays;
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
    /**
     * Batches of at most this many predictions are scored on the JVM by the metrics that can
     * ({@link #computesOnHost}): two copies instead of the 4-8 ND4J operations of {@link #values},
     * each of which costs 5-35 µs whatever its size.
     */
    static final long HOST_LIMIT = 65_536;

    private double total;
    private long count;
    private double[] trueCopy;
    private double[] predCopy;

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

    /** True when {@link #hostSum} computes this metric (keras4j's own metrics only); false keeps it on ND4J. */
    boolean computesOnHost() {
        return false;
    }

    /**
     * The sum over the batch's rows of the per-sample values, from host copies; NaN when this
     * form does not take these shapes or values, and {@link #values} computes them (or reports
     * what is wrong with them).
     */
    double hostSum(HostBatch batch) {
        return Double.NaN;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        if (computesOnHost() && updateOnHost(yTrue, yPred)) {
            return;
        }
        INDArray v = values(yTrue, yPred).castTo(DataType.DOUBLE);
        total += v.sumNumber().doubleValue();
        count += v.length();
    }

    private boolean updateOnHost(INDArray yTrue, INDArray yPred) {
        long n = yPred.length();
        if (n == 0 || n > HOST_LIMIT || yPred.rank() > 2 || yTrue.rank() > 2 || yTrue.length() > HOST_LIMIT
                || !Backend.isCpu() || !FastPaths.enabled()) {
            return false;
        }
        int rows = (int) yPred.size(0);
        if (yTrue.rank() == 0 || yTrue.size(0) != rows) {
            return false;
        }
        predCopy = HostArrays.read(yPred, predCopy);
        trueCopy = HostArrays.read(yTrue, trueCopy);
        double sum = hostSum(new HostBatch(trueCopy, (int) (yTrue.length() / rows), predCopy, (int) (n / rows), rows));
        if (Double.isNaN(sum)) {
            return false;
        }
        total += sum;
        count += rows;
        return true;
    }

    /** The mean so far; 0 before any update, as Keras. */
    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }
}
