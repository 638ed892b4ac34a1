package org.keras4j.examples.sequence;

import java.util.Map;
import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.LSTM;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequence classification over variable-length, padded, masked sequences: does a sequence of
 * digits 1–9 (1 to {@value #MAX_LENGTH} of them) hold more odd than even digits? Each sequence is
 * padded in front with 0 to {@value #MAX_LENGTH} steps (Keras's {@code pad_sequences} default);
 * {@code Embedding(10, 8, maskZero)} masks the padding, a {@code Bidirectional(LSTM(16))} reads
 * the digits both ways, {@code Dense(1, sigmoid)} answers. A tie counts as "no".
 *
 * <pre>{@code
 * ./keras4j run odd-even-bilstm
 * }</pre>
 */
public final class OddEvenExercise implements Exercise {
    public static final int MAX_LENGTH = 20;
    public static final int TRAIN = 6000;
    public static final int TEST = 2000;
    public static final int EPOCHS = 4;
    public static final int BATCH_SIZE = 32;
    /** What the acceptance test asks of the test accuracy. */
    public static final double REFERENCE_ACCURACY = 0.95;

    /** Padded digit sequences {@code [n, MAX_LENGTH]} and labels {@code [n, 1]}. */
    public record Sequences(INDArray x, INDArray y) {
    }

    /** Test accuracy and the training history. */
    public record Outcome(double accuracy, Map<String, Double> testScores, History history) {
    }

    @Override
    public String name() {
        return "odd-even-bilstm";
    }

    @Override
    public String title() {
        return "More odd than even digits? Bidirectional LSTM over padded, masked sequences";
    }

    /** {@code n} random sequences, lengths uniform in [1, MAX_LENGTH], padded in front with 0. */
    public static Sequences sequences(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * MAX_LENGTH];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int length = 1 + r.nextInt(MAX_LENGTH);
            int odd = 0;
            for (int t = MAX_LENGTH - length; t < MAX_LENGTH; t++) {
                int digit = 1 + r.nextInt(9);
                x[i * MAX_LENGTH + t] = digit;
                odd += digit % 2;
            }
            y[i] = odd > length - odd ? 1 : 0;
        }
        return new Sequences(Nd4j.create(x, new long[] {n, MAX_LENGTH}, 'c'), Nd4j.create(y, new long[] {n, 1}, 'c'));
    }

    /** The masked bidirectional classifier, compiled. */
    public static Sequential model() {
        Sequential model = new Sequential(
                new Input(MAX_LENGTH),
                new Embedding(10, 8).withMaskZero(true),
                new Bidirectional(new LSTM(16)),
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        return model;
    }

    /** Trains on {@value #TRAIN} sequences and scores {@value #TEST} others. */
    public static Outcome train(long seed, ExerciseContext ctx) {
        Sequences train = sequences(TRAIN, seed);
        Sequences test = sequences(TEST, seed + 1);
        Keras.setRandomSeed(seed);
        Sequential model = model();
        if (ctx != null) {
            model.summary(ctx.out()::println);
        }
        History history = model.fit(train.x(), train.y(),
                FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH_SIZE).verbose(0));
        Map<String, Double> scores = model.evaluate(test.x(), test.y());
        return new Outcome(scores.get("accuracy"), scores, history);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Outcome o = train(0, ctx);
        History h = o.history();
        ctx.out().printf("loss %.4f -> %.4f, accuracy %.4f -> %.4f over %d epochs%n", h.get("loss").get(0),
                h.last("loss"), h.get("accuracy").get(0), h.last("accuracy"), h.size());
        ctx.out().printf("test: loss %.4f, accuracy %.4f%n", o.testScores().get("loss"), o.accuracy());
        return ExerciseResult.of("test accuracy", o.accuracy()).withPassed(o.accuracy() >= REFERENCE_ACCURACY);
    }
}
