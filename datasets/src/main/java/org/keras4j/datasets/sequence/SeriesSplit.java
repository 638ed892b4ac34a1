package org.keras4j.datasets.sequence;

import java.util.function.Supplier;
import org.keras4j.datasets.Scaler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Splits a time series into training, validation and test parts in time order, scales it with statistics of the
 * training part only, and cuts each part into windows on its own.
 *
 * <p>A series of {@code T} steps is split at {@code trainEnd = floor(T * trainFraction)} and
 * {@code validationEnd = trainEnd + floor(T * validationFraction)}: training is {@code [0, trainEnd)}, validation
 * {@code [trainEnd, validationEnd)}, test {@code [validationEnd, T)}. Nothing is shuffled across the split, and no
 * window (inputs or targets) straddles two parts, so no future value of a later part leaks into an earlier one; each
 * part loses {@code window + horizon - 1} steps of context at its start. The scaler (if any) is fit on the training
 * rows only, then every part is transformed with it, targets included.
 *
 * <pre>{@code
 * SeriesWindows data = SeriesSplit.of(0.7, 0.15)          // 70 % train, 15 % validation, 15 % test
 *         .scaler(MinMaxScaler::new)
 *         .windows(series, SlidingWindows.of(24));
 * model.fit(data.train().x(), data.train().y(), FitOptions.defaults().epochs(20)
 *         .validationData(data.validation().x(), data.validation().y()));
 * INDArray forecast = data.inverseTransformTargets(model.predict(data.test().x()));   // original units
 * }</pre>
 */
public final class SeriesSplit {

    private final double trainFraction;
    private final double validationFraction;
    private final Supplier<? extends Scaler> scaler;

    private SeriesSplit(double trainFraction, double validationFraction, Supplier<? extends Scaler> scaler) {
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
        this.scaler = scaler;
    }

    /**
     * A split into {@code trainFraction}, {@code validationFraction} (0 for none) and the rest for testing, without
     * scaling.
     *
     * @throws IllegalArgumentException unless {@code 0 < trainFraction}, {@code 0 <= validationFraction} and their
     *                                  sum is below 1 (the test part needs some of the series)
     */
    public static SeriesSplit of(double trainFraction, double validationFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (!(trainFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("trainFraction + validationFraction must be below 1 to leave a test"
                    + " part, got " + trainFraction + " + " + validationFraction);
        }
        return new SeriesSplit(trainFraction, validationFraction, null);
    }

    /**
     * Scales the series with a new scaler from {@code scaler}, fit on the training part (e.g.
     * {@code MinMaxScaler::new} or {@code StandardScaler::new}); {@code null} for no scaling.
     */
    public SeriesSplit scaler(Supplier<? extends Scaler> scaler) {
        return new SeriesSplit(trainFraction, validationFraction, scaler);
    }

    public double trainFraction() {
        return trainFraction;
    }

    public double validationFraction() {
        return validationFraction;
    }

    /**
     * Splits, scales and windows {@code series}.
     *
     * @param series  {@code [time, features]}, or {@code [time]} for one feature
     * @param windows how to cut each part
     * @throws IllegalArgumentException if the series is not a numeric vector or matrix, or a part (validation only
     *                                  when its fraction is positive) is shorter than {@code window + horizon}
     */
    public SeriesWindows windows(INDArray series, SlidingWindows windows) {
        if (windows == null) {
            throw new IllegalArgumentException("windows must not be null");
        }
        INDArray s = SlidingWindows.asMatrix(series, "series").castTo(DataType.FLOAT);
        long t = s.size(0);
        int[] targets = windows.targetColumns((int) s.size(1));
        int trainEnd = (int) Math.floor(t * trainFraction);
        int validationEnd = trainEnd + (int) Math.floor(t * validationFraction);
        requireLength("training", trainEnd, windows, t);
        if (validationFraction > 0) {
            requireLength("validation", validationEnd - trainEnd, windows, t);
        }
        requireLength("test", t - validationEnd, windows, t);

        Scaler fitted = null;
        INDArray scaled = s;
        if (scaler != null) {
            fitted = scaler.get();
            if (fitted == null) {
                throw new IllegalArgumentException("the scaler supplier returned null");
            }
            fitted.fit(rows(s, 0, trainEnd));
            scaled = fitted.transform(s);
        }
        Windows train = windows.apply(rows(scaled, 0, trainEnd));
        Windows validation = validationEnd > trainEnd ? windows.apply(rows(scaled, trainEnd, validationEnd)) : null;
        Windows test = windows.apply(rows(scaled, validationEnd, t));
        return new SeriesWindows(train, validation, test, scaled, fitted, targets, trainEnd, validationEnd);
    }

    private static INDArray rows(INDArray m, long from, long to) {
        return m.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
    }

    private static void requireLength(String part, long length, SlidingWindows windows, long total) {
        if (length < windows.span()) {
            throw new IllegalArgumentException("the " + part + " part has " + length + " of the series' " + total
                    + " time steps, fewer than window + horizon = " + windows.span() + " of " + windows
                    + ": use a longer series, a larger fraction for it or shorter windows");
        }
    }

    @Override
    public String toString() {
        return "SeriesSplit(train=" + trainFraction + ", validation=" + validationFraction + ", test="
                + (1 - trainFraction - validationFraction) + (scaler == null ? "" : ", scaled") + ")";
    }
}
