package org.keras4j.datasets.sequence;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How to cut a time series {@code [time, features]} into supervised windows, as Keras's
 * {@code timeseries_dataset_from_array} with targets taken from the series itself: window {@code i} starts at
 * {@code t = i * stride}; its input is {@code series[t, t + window)} (every feature), its target the
 * {@code horizon} values that follow, {@code series[t + window, t + window + horizon)} of the target columns.
 * A series of {@code T} steps gives {@code n = (T - window - horizon) / stride + 1} windows (integer division); the
 * steps after the last whole window are not used.
 *
 * <p>Defaults: {@code horizon} 1, {@code stride} 1, target columns: all of them. One target column gives
 * {@code y [n, horizon]}, several give {@code y [n, horizon, targets]}. Immutable; every method returns a copy.
 *
 * <pre>{@code
 * // 1, 2, ..., 8 with windows of 3: [1 2 3] -> 4, [2 3 4] -> 5, ..., [5 6 7] -> 8
 * Windows w = SlidingWindows.of(3).apply(Nd4j.createFromArray(1f, 2, 3, 4, 5, 6, 7, 8));
 * Windows multi = SlidingWindows.of(24).horizon(6).stride(2).targets(0).apply(weather);   // y [n, 6]
 * }</pre>
 */
public final class SlidingWindows {

    private final int window;
    private final int horizon;
    private final int stride;
    private final int[] targets;   // null: every column

    private SlidingWindows(int window, int horizon, int stride, int[] targets) {
        this.window = window;
        this.horizon = horizon;
        this.stride = stride;
        this.targets = targets;
    }

    /**
     * Windows of {@code window} time steps predicting the next step.
     *
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public static SlidingWindows of(int window) {
        requirePositive(window, "window");
        return new SlidingWindows(window, 1, 1, null);
    }

    /**
     * Predicts the next {@code horizon} steps (default 1).
     *
     * @throws IllegalArgumentException if {@code horizon} is not positive
     */
    public SlidingWindows horizon(int horizon) {
        requirePositive(horizon, "horizon");
        return new SlidingWindows(window, horizon, stride, targets);
    }

    /**
     * Starts a window every {@code stride} steps (default 1: every step).
     *
     * @throws IllegalArgumentException if {@code stride} is not positive
     */
    public SlidingWindows stride(int stride) {
        requirePositive(stride, "stride");
        return new SlidingWindows(window, horizon, stride, targets);
    }

    /**
     * The columns to predict, in this order (default: every column).
     *
     * @throws IllegalArgumentException if none is given, one is negative or repeated
     */
    public SlidingWindows targets(int... columns) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("targets must name at least one column, got none");
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0) {
                throw new IllegalArgumentException("target columns must be >= 0, got " + Arrays.toString(columns));
            }
            for (int j = 0; j < i; j++) {
                if (columns[j] == columns[i]) {
                    throw new IllegalArgumentException("target column " + columns[i] + " is given twice in "
                            + Arrays.toString(columns));
                }
            }
        }
        return new SlidingWindows(window, horizon, stride, columns.clone());
    }

    public int window() {
        return window;
    }

    public int horizon() {
        return horizon;
    }

    public int stride() {
        return stride;
    }

    /** The target columns of a series with {@code features} columns. */
    public int[] targetColumns(int features) {
        if (targets == null) {
            int[] all = new int[features];
            for (int c = 0; c < features; c++) {
                all[c] = c;
            }
            return all;
        }
        for (int c : targets) {
            if (c >= features) {
                throw new IllegalArgumentException("target column " + c + " does not exist: the series has "
                        + features + " feature column" + (features == 1 ? "" : "s") + " (0.." + (features - 1) + ")");
            }
        }
        return targets.clone();
    }

    /** The number of windows a series of {@code timeSteps} steps gives; 0 if it is shorter than one window. */
    public int count(long timeSteps) {
        long span = (long) window + horizon;
        return timeSteps < span ? 0 : (int) ((timeSteps - span) / stride + 1);
    }

    /** The number of time steps one window and its targets span, {@code window + horizon}. */
    public int span() {
        return window + horizon;
    }

    /**
     * Cuts {@code series} into windows.
     *
     * @param series {@code [time, features]}, or {@code [time]} for one feature
     * @throws IllegalArgumentException if the series is null, not of rank 1 or 2, too short for one window, or lacks
     *                                  a target column
     */
    public Windows apply(INDArray series) {
        INDArray s = asMatrix(series, "series");
        double[][] values = s.castTo(DataType.DOUBLE).toDoubleMatrix();
        int features = (int) s.size(1);
        int[] columns = targetColumns(features);
        int n = count(values.length);
        if (n == 0) {
            throw new IllegalArgumentException("the series has " + values.length + " time steps; " + this
                    + " needs at least window + horizon = " + span());
        }
        float[] x = new float[n * window * features];
        float[] y = new float[n * horizon * columns.length];
        int xi = 0;
        int yi = 0;
        for (int i = 0; i < n; i++) {
            int t = i * stride;
            for (int k = 0; k < window; k++) {
                for (int f = 0; f < features; f++) {
                    x[xi++] = (float) values[t + k][f];
                }
            }
            for (int h = 0; h < horizon; h++) {
                for (int c : columns) {
                    y[yi++] = (float) values[t + window + h][c];
                }
            }
        }
        INDArray xs = Nd4j.create(x, new long[] {n, window, features}, 'c');
        INDArray ys = columns.length == 1
                ? Nd4j.create(y, new long[] {n, horizon}, 'c')
                : Nd4j.create(y, new long[] {n, horizon, columns.length}, 'c');
        return new Windows(xs, ys);
    }

    /** {@code series} as a matrix {@code [time, features]}: a vector becomes one column. */
    static INDArray asMatrix(INDArray series, String name) {
        if (series == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (!series.dataType().isNumerical()) {
            throw new IllegalArgumentException(name + " must hold numbers, got " + series.dataType());
        }
        if (series.rank() == 1) {
            return series.reshape(series.length(), 1);
        }
        if (series.rank() != 2) {
            throw new IllegalArgumentException(name + " must be [time, features] or [time], got shape "
                    + Arrays.toString(series.shape()));
        }
        return series;
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be a positive number of time steps, got " + value);
        }
    }

    @Override
    public String toString() {
        return "SlidingWindows(window=" + window + ", horizon=" + horizon + ", stride=" + stride + ", targets="
                + (targets == null ? "all" : Arrays.toString(targets)) + ")";
    }
}
