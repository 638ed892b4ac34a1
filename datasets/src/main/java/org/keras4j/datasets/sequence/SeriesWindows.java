package org.keras4j.datasets.sequence;

import java.util.Arrays;
import org.keras4j.datasets.Scaler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@link SeriesSplit#windows} returns: the windows of the training, validation and test parts of a series,
 * the scaled series, and the scaler fit on the training part, which maps predictions back to the series' units.
 *
 * <pre>{@code
 * SeriesWindows data = SeriesSplit.of(0.8, 0.1).scaler(StandardScaler::new).windows(series, SlidingWindows.of(12));
 * INDArray predicted = model.predict(data.test().x());                 // scaled units
 * INDArray inUnits = data.inverseTransformTargets(predicted);          // the series' own units
 * }</pre>
 */
public final class SeriesWindows {

    private final Windows train;
    private final Windows validation;
    private final Windows test;
    private final INDArray scaledSeries;
    private final Scaler scaler;
    private final int[] targets;
    private final int trainEnd;
    private final int validationEnd;

    SeriesWindows(Windows train, Windows validation, Windows test, INDArray scaledSeries, Scaler scaler,
                  int[] targets, int trainEnd, int validationEnd) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.scaledSeries = scaledSeries;
        this.scaler = scaler;
        this.targets = targets.clone();
        this.trainEnd = trainEnd;
        this.validationEnd = validationEnd;
    }

    /** The windows of the training part, {@code [0, trainEnd)}. */
    public Windows train() {
        return train;
    }

    /** Whether the split has a validation part. */
    public boolean hasValidation() {
        return validation != null;
    }

    /**
     * The windows of the validation part, {@code [trainEnd, validationEnd)}.
     *
     * @throws IllegalStateException if the split's validation fraction was 0
     */
    public Windows validation() {
        if (validation == null) {
            throw new IllegalStateException("this split has no validation part: use SeriesSplit.of(train, validation)"
                    + " with a positive validation fraction");
        }
        return validation;
    }

    /** The windows of the test part, {@code [validationEnd, T)}. */
    public Windows test() {
        return test;
    }

    /** The whole series after scaling, {@code [time, features]} float32 (the input series if there is no scaler). */
    public INDArray scaledSeries() {
        return scaledSeries;
    }

    /** Whether the series was scaled. */
    public boolean isScaled() {
        return scaler != null;
    }

    /**
     * The scaler fit on the training part.
     *
     * @throws IllegalStateException if the split has no scaler
     */
    public Scaler scaler() {
        if (scaler == null) {
            throw new IllegalStateException("this split has no scaler: use SeriesSplit.scaler(...)");
        }
        return scaler;
    }

    /** The target columns of {@code y}, in order. */
    public int[] targets() {
        return targets.clone();
    }

    /** The first time step after the training part. */
    public int trainEnd() {
        return trainEnd;
    }

    /** The first time step after the validation part (equal to {@link #trainEnd()} without one). */
    public int validationEnd() {
        return validationEnd;
    }

    /** The number of time steps of the series. */
    public int timeSteps() {
        return (int) scaledSeries.size(0);
    }

    /**
     * Maps targets or predictions in scaled units back to the series' units, with the training part's statistics of
     * each target column. Without a scaler, returns a copy.
     *
     * @param y {@code [n, horizon]} (one target column) or {@code [n, horizon, targets]}, as {@link Windows#y()}
     * @return a new float32 array of {@code y}'s shape
     * @throws IllegalArgumentException if {@code y}'s last dimension does not match the number of target columns
     */
    public INDArray inverseTransformTargets(INDArray y) {
        if (y == null) {
            throw new IllegalArgumentException("y must not be null");
        }
        boolean single = targets.length == 1;
        if ((single && y.rank() != 2) || (!single && (y.rank() != 3 || y.size(2) != targets.length))) {
            throw new IllegalArgumentException("y must be " + (single ? "[n, horizon]" : "[n, horizon, "
                    + targets.length + "]") + " for target columns " + Arrays.toString(targets) + ", got shape "
                    + Arrays.toString(y.shape()));
        }
        INDArray values = y.castTo(DataType.DOUBLE).dup('c');
        if (scaler == null) {
            return values.castTo(DataType.FLOAT);
        }
        // a Scaler maps whole rows; each column is rescaled on its own, so put the targets into their columns of an
        // otherwise empty matrix, invert, and read them back
        long m = values.length() / targets.length;
        INDArray flat = values.reshape('c', m, targets.length);
        int features = (int) scaledSeries.size(1);
        INDArray rows = Nd4j.zeros(DataType.DOUBLE, m, features);
        for (int k = 0; k < targets.length; k++) {
            rows.getColumn(targets[k]).assign(flat.getColumn(k));
        }
        INDArray restored = scaler.inverseTransform(rows);
        INDArray out = Nd4j.create(DataType.DOUBLE, m, targets.length);
        for (int k = 0; k < targets.length; k++) {
            out.getColumn(k).assign(restored.getColumn(targets[k]));
        }
        return out.reshape('c', y.shape()).castTo(DataType.FLOAT);
    }

    @Override
    public String toString() {
        return "SeriesWindows[train=" + train + ", validation=" + validation + ", test=" + test + ", scaler="
                + (scaler == null ? "none" : scaler.getClass().getSimpleName()) + "]";
    }
}
