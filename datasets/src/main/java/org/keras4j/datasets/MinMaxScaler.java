package org.keras4j.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rescales each column linearly to {@code [min, max]} (default {@code [0, 1]}), as scikit-learn's
 * {@code MinMaxScaler}: {@code x' = (x - dataMin) / (dataMax - dataMin) * (max - min) + min}.
 *
 * <p>{@code dataMin} and {@code dataMax} come from the training data; test values outside that range map outside
 * {@code [min, max]} (no clipping, as scikit-learn's default). A constant column maps to {@code min}.
 *
 * <pre>{@code
 * MinMaxScaler scaler = new MinMaxScaler();           // or new MinMaxScaler(-1, 1)
 * INDArray xTrain = scaler.fitTransform(split.train().x());
 * INDArray xTest = scaler.transform(split.test().x());
 * }</pre>
 */
public final class MinMaxScaler extends ColumnScaler {

    private final double min;
    private final double max;
    private double[] dataMin;
    private double[] dataMax;

    /** A scaler to the range {@code [0, 1]}. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /**
     * A scaler to the range {@code [min, max]} (scikit-learn's {@code feature_range}).
     *
     * @throws IllegalArgumentException if {@code min >= max} or either is not finite
     */
    public MinMaxScaler(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
            throw new IllegalArgumentException("feature range must have finite min < max, got [" + min + ", "
                    + max + "]");
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public MinMaxScaler fit(INDArray x) {
        super.fit(x);
        return this;
    }

    @Override
    double[][] learn(INDArray x) {
        double[] lo = x.min(0).toDoubleVector();
        double[] hi = x.max(0).toDoubleVector();
        double[] shift = new double[lo.length];
        double[] divisor = new double[lo.length];
        double eps = Math.ulp(1.0);
        for (int c = 0; c < lo.length; c++) {
            double range = hi[c] - lo[c];
            if (range < 10 * eps) {
                range = 1; // constant column: (x - dataMin) is 0, so it maps to min
            }
            // (x - shift) / divisor == (x - lo) / range * (max - min) + min
            divisor[c] = range / (max - min);
            shift[c] = lo[c] - min * divisor[c];
        }
        dataMin = lo;
        dataMax = hi;
        return new double[][] {shift, divisor};
    }

    /** The per-column minimums of the training data ({@code data_min_}), a copy. */
    public double[] dataMin() {
        requireFitted();
        return dataMin.clone();
    }

    /** The per-column maximums of the training data ({@code data_max_}), a copy. */
    public double[] dataMax() {
        requireFitted();
        return dataMax.clone();
    }

    /** The lower end of the target range. */
    public double rangeMin() {
        return min;
    }

    /** The upper end of the target range. */
    public double rangeMax() {
        return max;
    }
}
