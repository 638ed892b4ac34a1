package org.keras4j.examples.sequence;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.datasets.MinMaxScaler;
import org.keras4j.datasets.sequence.SeriesSplit;
import org.keras4j.datasets.sequence.SeriesWindows;
import org.keras4j.datasets.sequence.SlidingWindows;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.training.OutputFiles;
import org.keras4j.models.SequenceForecaster;
import org.keras4j.optimizers.Adam;
import org.keras4j.saving.AtomicFiles;
import org.keras4j.training.TrainingCurves;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forecasting a noisy sine wave with {@link SequenceForecaster}. The series: {@value #STEPS} steps of
 * {@code sin(2 pi t / }{@value #PERIOD}{@code ) + N(0, }{@value #NOISE}{@code )}, the noise drawn from
 * {@code java.util.Random(}{@value #SEED}{@code )}. Split in time order 70 / 15 / 15 %, min-max scaled to [0, 1] with
 * the training part's minimum and maximum, cut into windows of {@value #WINDOW} steps predicting the next one;
 * {@code LSTM(32)} then {@code Dense(1)}, Adam 0.01, {@value #EPOCHS} epochs of batch 32, validating on the
 * validation part. The result is the mean squared error on the test windows in those scaled units (the noise alone
 * costs about {@code (0.1 / range)^2}, range about 2.5: 0.0016); reference: below 0.01. The test part's truth and
 * forecast, in the series' units, are drawn to {@code sine-forecast.png}.
 *
 * <pre>{@code
 * ./keras4j run sine-forecast
 * }</pre>
 */
public final class SineForecastExercise implements Exercise {
    public static final int STEPS = 1000;
    public static final int PERIOD = 50;
    public static final double NOISE = 0.1;
    public static final long SEED = 42;
    public static final int WINDOW = 30;
    public static final int EPOCHS = 12;
    /** The reference: test MSE on the scaled series below this. */
    public static final double MAX_MSE = 0.01;

    @Override
    public String name() {
        return "sine-forecast";
    }

    @Override
    public String title() {
        return "Noisy sine-wave forecasting with an LSTM SequenceForecaster (test MSE, min-max scaled)";
    }

    /** The test MSE in scaled units, the forecaster, its data, and the training time. */
    public record Result(double testMse, SequenceForecaster forecaster, SeriesWindows data, double trainSeconds) {
    }

    /** The noisy sine wave, {@code [STEPS]}. */
    public static INDArray series() {
        Random random = new Random(SEED);
        float[] s = new float[STEPS];
        for (int t = 0; t < STEPS; t++) {
            s[t] = (float) (Math.sin(2 * Math.PI * t / PERIOD) + NOISE * random.nextGaussian());
        }
        return Nd4j.createFromArray(s);
    }

    /** Splits, scales, trains from a fixed seed and evaluates on the test windows. */
    public static Result forecast(int epochs) {
        SeriesWindows data = SeriesSplit.of(0.7, 0.15).scaler(MinMaxScaler::new)
                .windows(series(), SlidingWindows.of(WINDOW));
        Keras.setRandomSeed(0);
        SequenceForecaster f = SequenceForecaster.lstm(WINDOW, 1, 1, 32).compile(new Adam(1e-2), "mse");
        long t0 = System.nanoTime();
        f.fit(data, FitOptions.defaults().epochs(epochs).batchSize(32).verbose(0));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double mse = f.evaluate(data.test()).get("loss");
        return new Result(mse, f, data, seconds);
    }

    /** Draws the test part's series and one-step forecasts, in the series' units, to {@code png}. */
    public static Path plot(Result r, Path png) {
        SeriesWindows data = r.data();
        double[] truth = data.inverseTransformTargets(data.test().y()).ravel().toDoubleVector();
        double[] predicted = r.forecaster().forecast(data.test().x()).ravel().toDoubleVector();
        int first = data.validationEnd() + WINDOW;   // the time step the first test window predicts
        List<Double> t = new ArrayList<>();
        List<Double> yTrue = new ArrayList<>();
        List<Double> yPred = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            t.add((double) (first + i));
            yTrue.add(truth[i]);
            yPred.add(predicted[i]);
        }
        XYChart chart = new XYChartBuilder().width(2 * TrainingCurves.PANEL_WIDTH).height(TrainingCurves.PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "Noisy sine, test part: one-step LSTM forecast (test MSE %.4f,"
                        + " scaled)", r.testMse()))
                .xAxisTitle("time step").yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        addSeries(chart, "truth (noisy)", t, yTrue, 0);
        addSeries(chart, "forecast", t, yPred, 1);
        AtomicFiles.write(png, o -> BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    private static void addSeries(XYChart chart, String name, List<Double> x, List<Double> y, int color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(TrainingCurves.RUN_COLORS.get(color));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Result r = forecast(EPOCHS);
        ctx.out().printf(Locale.ROOT, "%d train, %d validation, %d test windows of %d steps; %d epochs in %.1f s;"
                        + " test MSE %.5f on the series min-max scaled with the training part's range%n",
                r.data().train().size(), r.data().validation().size(), r.data().test().size(), WINDOW, EPOCHS,
                r.trainSeconds(), r.testMse());
        Path png = plot(r, OutputFiles.path("sine-forecast.png"));
        ctx.out().println("forecast vs truth: " + png.toAbsolutePath());
        return ExerciseResult.of("test MSE (scaled)", r.testMse(), String.format(Locale.ROOT, "%.4f", r.testMse()))
                .withPassed(r.testMse() < MAX_MSE);
    }
}
