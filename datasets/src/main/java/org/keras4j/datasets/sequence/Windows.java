package org.keras4j.datasets.sequence;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Windows cut from a time series: inputs {@code x [n, window, features]} and what follows each window,
 * {@code y [n, horizon]} (one target column) or {@code [n, horizon, targets]} (several), float32. Row {@code i} of
 * both belongs to the same window.
 *
 * <pre>{@code
 * Windows w = SlidingWindows.of(3).apply(series);   // series [time, features]
 * model.fit(w.x(), w.y(), FitOptions.defaults().epochs(10));
 * }</pre>
 *
 * @param x the inputs, {@code [n, window, features]}
 * @param y the targets, {@code [n, horizon]} or {@code [n, horizon, targets]}
 */
public record Windows(INDArray x, INDArray y) {

    /**
     * @throws IllegalArgumentException if an array is null, {@code x} is not of rank 3, {@code y} not of rank 2 or 3,
     *                                  or they hold different numbers of windows
     */
    public Windows {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.rank() != 3) {
            throw new IllegalArgumentException("x must be [n, window, features], got shape "
                    + Arrays.toString(x.shape()));
        }
        if (y.rank() != 2 && y.rank() != 3) {
            throw new IllegalArgumentException("y must be [n, horizon] or [n, horizon, targets], got shape "
                    + Arrays.toString(y.shape()));
        }
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("x and y must hold the same number of windows, got x "
                    + Arrays.toString(x.shape()) + " and y " + Arrays.toString(y.shape()));
        }
    }

    /** The number of windows, {@code n}. */
    public int size() {
        return (int) x.size(0);
    }

    /** The window length: time steps per input. */
    public int window() {
        return (int) x.size(1);
    }

    /** The number of features per time step. */
    public int features() {
        return (int) x.size(2);
    }

    /** The number of future steps each window predicts. */
    public int horizon() {
        return (int) y.size(1);
    }

    /** The number of target columns: 1 for {@code y [n, horizon]}. */
    public int targets() {
        return y.rank() == 2 ? 1 : (int) y.size(2);
    }

    @Override
    public String toString() {
        return "Windows[x=" + Arrays.toString(x.shape()) + ", y=" + Arrays.toString(y.shape()) + "]";
    }
}
