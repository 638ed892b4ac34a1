package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.MinMaxScaler;
import org.keras4j.datasets.sequence.SeriesSplit;
import org.keras4j.datasets.sequence.SeriesWindows;
import org.keras4j.datasets.sequence.SlidingWindows;
import org.keras4j.datasets.sequence.Windows;
import org.keras4j.layers.Layer;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequenceForecasterTest {

    /** 0, 1, ..., 99. */
    private static final INDArray RAMP = Nd4j.arange(0, 100).castTo(DataType.FLOAT);

    /** Zero LSTM weights give h = o * tanh(c) = 0 (c stays 0), so the output is the Dense bias alone. */
    private static void outputBias(SequenceForecaster f, float... bias) {
        for (Layer layer : f.model().layers()) {
            List<INDArray> zeros = new ArrayList<>();
            for (INDArray w : layer.getWeights()) {
                zeros.add(Nd4j.zeros(w.dataType(), w.shape()));
            }
            if (layer.name().equals("forecast")) {
                zeros.set(1, Nd4j.createFromArray(bias));
            }
            layer.setWeights(zeros);
        }
    }

    @Test
    void lstm_stackedLayers_haveKerasParameterCounts() {
        SequenceForecaster f = SequenceForecaster.lstm(24, 2, 3, 16, 8).withTargets(2);

        // LSTM: 4 (u (f + u) + u); Dense: (u + 1) * horizon * targets
        long expected = 4 * (16 * (2 + 16) + 16) + 4 * (8 * (16 + 8) + 8) + (8 + 1) * 3 * 2;
        assertEquals(expected, f.model().countParams());
    }

    @Test
    void predict_severalTargets_reshapesDenseOutputAsHorizonByTargets() {
        SequenceForecaster f = SequenceForecaster.lstm(4, 1, 3, 5).withTargets(2).compile("sgd", "mse");
        outputBias(f, 0, 1, 2, 3, 4, 5);

        INDArray y = f.predict(Nd4j.rand(DataType.FLOAT, 2, 4, 1));

        assertArrayEquals(new long[] {2, 3, 2}, y.shape());
        for (int h = 0; h < 3; h++) {
            for (int t = 0; t < 2; t++) {
                // Keras's row-major reshape: unit h * targets + t is step h of target t
                assertEquals(h * 2 + t, y.getFloat(1, h, t), 1e-6, "step " + h + " target " + t);
            }
        }
    }

    @Test
    void forecast_mapsPredictionsBackWithTheTrainingPartsScaler() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).scaler(MinMaxScaler::new).windows(RAMP, SlidingWindows.of(5));
        SequenceForecaster f = SequenceForecaster.lstm(5, 1, 1, 4).compile("sgd", "mse");
        f.fit(data, FitOptions.defaults().epochs(1).verbose(0));
        outputBias(f, 0.5f);

        INDArray inUnits = f.forecast(data.test().x());

        // min-max on the training part 0..59: 0.5 maps back to 0 + 0.5 * 59
        assertArrayEquals(new long[] {15, 1}, inUnits.shape());
        assertEquals(29.5, inUnits.getDouble(3, 0), 1e-4);
    }

    @Test
    void fit_seriesWindows_validatesOnTheValidationPart() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).scaler(MinMaxScaler::new).windows(RAMP, SlidingWindows.of(5));
        SequenceForecaster f = SequenceForecaster.lstm(5, 1, 1, 4).compile("adam", "mse");

        History h = f.fit(data, FitOptions.defaults().epochs(2).verbose(0));

        assertTrue(h.has("val_loss"), h.history().toString());
        assertEquals(2, h.get("val_loss").size());
    }

    @Test
    void fit_learnsASineWaveBetterThanRepeatingTheLastValue() {
        float[] s = new float[400];
        for (int t = 0; t < s.length; t++) {
            s[t] = (float) Math.sin(2 * Math.PI * t / 25);
        }
        SeriesWindows data = SeriesSplit.of(0.75, 0).scaler(MinMaxScaler::new)
                .windows(Nd4j.createFromArray(s), SlidingWindows.of(10));
        Keras.setRandomSeed(1);
        SequenceForecaster f = SequenceForecaster.lstm(10, 1, 1, 16).compile(new Adam(1e-2), "mse");

        f.fit(data, FitOptions.defaults().epochs(30).batchSize(32).verbose(0));
        double mse = f.evaluate(data.test()).get("loss");

        // the naive forecast y(t) = x(t - 1), by hand
        Windows test = data.test();
        double naive = 0;
        for (int i = 0; i < test.size(); i++) {
            double d = test.y().getDouble(i, 0) - test.x().getDouble(i, 9, 0);
            naive += d * d;
        }
        naive /= test.size();
        assertTrue(mse < naive / 4 && mse < 0.005, "test MSE " + mse + ", naive " + naive);
    }

    @Test
    void fit_windowsOfAnotherShape_throwNamingTheExpectedShape() {
        SequenceForecaster f = SequenceForecaster.lstm(24, 1, 1, 8).compile("adam", "mse");
        Windows w = SlidingWindows.of(12).apply(RAMP);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.fit(w, FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("window=24") && e.getMessage().contains("[88, 12, 1]"), e.getMessage());
    }

    @Test
    void forecast_withoutSeriesWindows_throwsIllegalState() {
        SequenceForecaster f = SequenceForecaster.lstm(5, 1, 1, 4).compile("adam", "mse");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.forecast(Nd4j.zeros(DataType.FLOAT, 1, 5, 1)));
        assertTrue(e.getMessage().contains("SeriesWindows"), e.getMessage());
    }

    @Test
    void lstm_withoutUnits_throws() {
        assertThrows(IllegalArgumentException.class, () -> SequenceForecaster.lstm(5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SequenceForecaster.lstm(5, 1, 1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> SequenceForecaster.lstm(0, 1, 1, 4));
    }
}
