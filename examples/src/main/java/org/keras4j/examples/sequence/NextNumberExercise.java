package org.keras4j.examples.sequence;

import java.util.Locale;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.MinMaxScaler;
import org.keras4j.datasets.sequence.SlidingWindows;
import org.keras4j.datasets.sequence.Windows;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's short-term model: an LSTM learns the sequence 1, 2, ..., 20 from windows of the
 * {@value #WINDOW} previous values ({@code [1 2 3] -> 4}, ..., {@code [17 18 19] -> 20}, 17 samples) and predicts
 * the number after 1..20 from {@code [18 19 20]}: 21, a value it never saw as a target. The series is min-max scaled
 * to [0, 1] (fit on 1..20), so 21 lies just outside the training range: a ReLU LSTM ({@code LSTM(50, "relu")} then
 * {@code Dense(1)}, Adam 0.01, {@value #EPOCHS} full-batch epochs) follows the trend beyond it, where a tanh LSTM
 * saturates. Reference: the prediction is within 0.5 of 21.
 *
 * <pre>{@code
 * ./keras4j run next-number
 * }</pre>
 */
public final class NextNumberExercise implements Exercise {
    public static final int LENGTH = 20;
    public static final int WINDOW = 3;
    public static final int EPOCHS = 300;
    /** The reference: |prediction - 21| at most this. */
    public static final double TOLERANCE = 0.5;

    @Override
    public String name() {
        return "next-number";
    }

    @Override
    public String title() {
        return "Short-term model: an LSTM learns 1..20 and predicts the next number (21)";
    }

    /** The prediction after 1..20, in the series' units, and the training time. */
    public record Result(double prediction, double trainSeconds) {
    }

    /** Trains from a fixed seed and predicts the number after 1..20. */
    public static Result predictNext(int epochs) {
        float[] values = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            values[i] = i + 1;
        }
        INDArray series = Nd4j.createFromArray(values).reshape(LENGTH, 1);
        MinMaxScaler scaler = new MinMaxScaler();
        INDArray scaled = scaler.fitTransform(series);
        Windows w = SlidingWindows.of(WINDOW).apply(scaled);   // x [17, 3, 1], y [17, 1]

        Keras.setRandomSeed(0);
        Sequential model = new Sequential(
                new Input(WINDOW, 1),
                new LSTM(50, "relu"),
                new Dense(1));
        model.compile(new Adam(1e-2), "mse");
        long t0 = System.nanoTime();
        model.fit(w.x(), w.y(), FitOptions.defaults().epochs(epochs).batchSize(w.size()).verbose(0));
        double seconds = (System.nanoTime() - t0) / 1e9;

        INDArray last = scaled.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(LENGTH - WINDOW, LENGTH),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup().reshape(1, WINDOW, 1);
        INDArray next = scaler.inverseTransform(model.predict(last).castTo(DataType.FLOAT));
        return new Result(next.getDouble(0, 0), seconds);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Result r = predictNext(EPOCHS);
        ctx.out().printf(Locale.ROOT, "LSTM(50, relu) on windows of %d of 1..%d, %d epochs in %.1f s: after 18 19 20"
                + " comes %.3f (expected 21)%n", WINDOW, LENGTH, EPOCHS, r.trainSeconds(), r.prediction());
        return ExerciseResult.of("next number", r.prediction(), String.format(Locale.ROOT, "%.2f", r.prediction()))
                .withPassed(Math.abs(r.prediction() - 21) <= TOLERANCE);
    }
}
