package org.keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.sequence.SeriesWindows;
import org.keras4j.datasets.sequence.Windows;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A time-series forecaster: windows of the past {@code [window, features]} through stacked LSTMs to the next
 * {@code horizon} values of the target column(s), written with keras4j's {@code Sequential} API. The equivalent
 * model, for {@code SequenceForecaster.lstm(24, 1, 6, 64, 32)}:
 *
 * <pre>{@code
 * new Sequential(
 *         new Input(24, 1),
 *         new LSTM(64).withReturnSequences(true),   // every LSTM but the last returns the whole sequence
 *         new LSTM(32),
 *         new Dense(6));                            // horizon * targets, linear
 * }</pre>
 *
 * <p>With several target columns the Dense layer has {@code horizon * targets} units and the forecaster reshapes
 * between the model's {@code [n, horizon * targets]} and the windows' {@code [n, horizon, targets]}. Train it on
 * {@link Windows}, or on a {@link SeriesWindows} split: then its validation windows are used for validation and
 * {@link #forecast} maps predictions back to the series' units with the scaler fit on the training part.
 *
 * <pre>{@code
 * SeriesWindows data = SeriesSplit.of(0.7, 0.15).scaler(MinMaxScaler::new).windows(series, SlidingWindows.of(24));
 * SequenceForecaster f = SequenceForecaster.lstm(24, 1, 1, 32).compile("adam", "mse");
 * f.fit(data, FitOptions.defaults().epochs(20).batchSize(32).verbose(0));
 * double testMse = f.evaluate(data.test()).get("loss");      // in scaled units
 * INDArray inUnits = f.forecast(data.test().x());             // in the series' units
 * }</pre>
 */
public final class SequenceForecaster {

    private final int window;
    private final int features;
    private final int horizon;
    private final int targets;
    private final int[] units;
    private final String activation;
    private final Sequential model;
    private SeriesWindows scaling;   // set by fit(SeriesWindows, ...): how to map predictions back

    private SequenceForecaster(int window, int features, int horizon, int targets, int[] units, String activation) {
        this.window = window;
        this.features = features;
        this.horizon = horizon;
        this.targets = targets;
        this.units = units;
        this.activation = activation;
        List<Layer> layers = new ArrayList<>();
        layers.add(new Input(window, features));
        for (int i = 0; i < units.length; i++) {
            boolean last = i == units.length - 1;
            layers.add(new LSTM(units[i], activation).withReturnSequences(!last).withName("lstm_" + (i + 1)));
        }
        layers.add(new Dense(horizon * targets).withName("forecast"));
        this.model = new Sequential("sequence_forecaster", layers.toArray(new Layer[0]));
    }

    /**
     * LSTM layers of {@code units} (one entry per layer, stacked in order) and a linear Dense layer predicting
     * {@code horizon} steps of one target column.
     *
     * @param window   time steps per input window
     * @param features values per time step
     * @param horizon  future steps to predict
     * @param units    the units of each LSTM layer, at least one layer
     * @throws IllegalArgumentException if a size is not positive or {@code units} is empty
     */
    public static SequenceForecaster lstm(int window, int features, int horizon, int... units) {
        requirePositive(window, "window");
        requirePositive(features, "features");
        requirePositive(horizon, "horizon");
        if (units == null || units.length == 0) {
            throw new IllegalArgumentException("units must give at least one LSTM layer, got none");
        }
        for (int u : units) {
            if (u <= 0) {
                throw new IllegalArgumentException("units must be positive, got " + Arrays.toString(units));
            }
        }
        return new SequenceForecaster(window, features, horizon, 1, units.clone(), "tanh");
    }

    /**
     * The same architecture predicting {@code targets} columns: outputs {@code [n, horizon, targets]}. Returns a
     * new, uncompiled forecaster.
     *
     * @throws IllegalArgumentException if {@code targets} is not positive
     */
    public SequenceForecaster withTargets(int targets) {
        requirePositive(targets, "targets");
        return new SequenceForecaster(window, features, horizon, targets, units, activation);
    }

    /**
     * The LSTMs' activation (Keras's default tanh; {@code "relu"} extrapolates a trend beyond the training range
     * better). Returns a new, uncompiled forecaster.
     *
     * @throws IllegalArgumentException for an unknown activation
     */
    public SequenceForecaster withActivation(String activation) {
        org.keras4j.activations.Activations.get(activation);   // fails early, listing the valid names
        return new SequenceForecaster(window, features, horizon, targets, units, activation);
    }

    /** The Keras model: compile and fit it directly, or through this forecaster. */
    public Sequential model() {
        return model;
    }

    public int window() {
        return window;
    }

    public int features() {
        return features;
    }

    public int horizon() {
        return horizon;
    }

    public int targets() {
        return targets;
    }

    /** The units of each LSTM layer, in order. */
    public int[] units() {
        return units.clone();
    }

    // ---- training ----

    /** Compiles with Keras identifiers, e.g. {@code compile("adam", "mse")}. */
    public SequenceForecaster compile(String optimizer, String loss, String... metrics) {
        model.compile(optimizer, loss, metrics);
        return this;
    }

    /** Compiles with a typed optimizer, e.g. {@code compile(new Adam(1e-2), "mse")}. */
    public SequenceForecaster compile(Optimizer optimizer, String loss, String... metrics) {
        model.compile(optimizer, loss, metrics);
        return this;
    }

    /**
     * Trains on {@code train}'s windows. Validation targets of rank 3 in {@code options} are reshaped to the model's
     * {@code [n, horizon * targets]}.
     *
     * @throws IllegalArgumentException if the windows do not have this forecaster's shapes
     */
    public History fit(Windows train, FitOptions options) {
        check(train, "train");
        requireArgument(options, "options");
        if (options.validationYs() != null && options.validationYs().size() == 1
                && options.validationYs().get(0).rank() == 3) {
            options.validationData(options.validationX(), flatten(options.validationYs().get(0)));
        }
        return model.fit(train.x(), flatten(train.y()), options);
    }

    /**
     * Trains on {@code data.train()}, validating on {@code data.validation()} when the split has one and
     * {@code options} sets no validation of its own (it is added to {@code options}), and remembers the split's
     * scaler for {@link #forecast}.
     *
     * @throws IllegalArgumentException if the windows do not have this forecaster's shapes
     */
    public History fit(SeriesWindows data, FitOptions options) {
        requireArgument(data, "data");
        requireArgument(options, "options");
        check(data.train(), "data.train()");
        boolean ownValidation = options.validationXs() != null || options.validationIterator() != null
                || options.validationMultiIterator() != null || options.validationSplit() > 0;
        if (data.hasValidation() && !ownValidation) {
            check(data.validation(), "data.validation()");
            options.validationData(data.validation().x(), flatten(data.validation().y()));
        }
        this.scaling = data;
        return fit(data.train(), options);
    }

    // ---- inference ----

    /**
     * Predictions for windows {@code x [n, window, features]}, in the units the model was trained in:
     * {@code [n, horizon]}, or {@code [n, horizon, targets]} with several targets.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [n, window, features]}
     */
    public INDArray predict(INDArray x) {
        checkX(x, "x");
        INDArray out = model.predict(x, 256);
        return targets == 1 ? out : out.reshape('c', out.size(0), horizon, targets);
    }

    /**
     * Predictions in the series' own units: {@link #predict} mapped back with the scaler of the
     * {@link SeriesWindows} the forecaster was last fit on.
     *
     * @throws IllegalStateException if the forecaster was not fit on a {@link SeriesWindows}
     */
    public INDArray forecast(INDArray x) {
        if (scaling == null) {
            throw new IllegalStateException("forecast needs the scaling of the training data: fit the forecaster on"
                    + " a SeriesWindows (SeriesSplit...windows(series, ...)) first, or map predict(x) back yourself");
        }
        return scaling.inverseTransformTargets(predict(x));
    }

    /** Loss and metrics on {@code windows}, in the units the model was trained in, as Keras's {@code evaluate}. */
    public Map<String, Double> evaluate(Windows windows) {
        check(windows, "windows");
        return model.evaluate(windows.x(), flatten(windows.y()));
    }

    // ---- helpers ----

    /** {@code y} in the model's layout {@code [n, horizon * targets]}. */
    private INDArray flatten(INDArray y) {
        return y.rank() == 2 ? y : y.dup('c').reshape('c', y.size(0), y.size(1) * y.size(2));
    }

    private void check(Windows w, String name) {
        requireArgument(w, name);
        checkX(w.x(), name + ".x()");
        if (w.horizon() != horizon || w.targets() != targets) {
            throw new IllegalArgumentException(name + ".y() must be " + yShape() + " for this forecaster, got "
                    + Arrays.toString(w.y().shape()));
        }
    }

    private void checkX(INDArray x, String name) {
        requireArgument(x, name);
        if (x.rank() != 3 || x.size(1) != window || x.size(2) != features) {
            throw new IllegalArgumentException(name + " must be [n, window=" + window + ", features=" + features
                    + "] for this forecaster, got " + Arrays.toString(x.shape()));
        }
    }

    private String yShape() {
        return targets == 1 ? "[n, horizon=" + horizon + "]" : "[n, horizon=" + horizon + ", targets=" + targets + "]";
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireArgument(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    @Override
    public String toString() {
        return "SequenceForecaster(window " + window + ", features " + features + ", LSTM " + Arrays.toString(units)
                + " " + activation + ", horizon " + horizon + (targets > 1 ? ", targets " + targets : "") + ")";
    }
}
