package org.keras4j.examples.sequence;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.Callback;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.DatasetLocator;
import org.keras4j.datasets.TinyShakespeare;
import org.keras4j.datasets.text.Vocabulary;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.models.LanguageModel;
import org.keras4j.models.TokenSampler;
import org.keras4j.optimizers.Adam;

/**
 * The course's character-level language model on Tiny Shakespeare: the text's characters
 * as a Keras vocabulary (0 padding, 1 out-of-vocabulary), windows of {@value #SEQUENCE_LENGTH}
 * characters with the next character at every position as target, {@code Embedding} →
 * {@code LSTM(256)} → {@code Dense(vocabulary, softmax)} ({@link LanguageModel}). The first
 * 90 % of the text trains, the last 10 % validates; after each epoch the model writes a sample
 * (temperature 0.8, seeded). The validation loss is compared with the unigram baseline (every
 * character drawn from the training text's character frequencies, about 3.3 nats).
 *
 * <p>Needs the full text ({@code --data DIR} with {@code DIR/tinyshakespeare/input.txt}).
 *
 * <pre>{@code
 * ./keras4j run shakespeare-char-lm --data ../shared/data
 * }</pre>
 */
public final class CharLanguageModelExercise implements Exercise {
    public static final int SEQUENCE_LENGTH = 100;
    public static final int EMBEDDING = 32;
    public static final int UNITS = 256;
    public static final int BATCH_SIZE = 64;
    public static final int EPOCHS = 3;
    public static final double LEARNING_RATE = 3e-3;
    public static final String PROMPT = "ROMEO:\n";
    /** The reference: validation loss below this many nats per character. */
    public static final double REFERENCE_VALIDATION_LOSS = 2.0;

    /** What training gives: losses in nats per character, the samples written after each epoch. */
    public record Outcome(double validationLoss, double unigramLoss, double perplexity, List<String> samples,
                          Vocabulary vocabulary, History history) {
    }

    @Override
    public String name() {
        return "shakespeare-char-lm";
    }

    @Override
    public String title() {
        return "Character-level LSTM language model on Tiny Shakespeare, with samples and perplexity";
    }

    /** Cross-entropy (nats) of {@code tokens} under the unigram frequencies of {@code train}. */
    public static double unigramLoss(int[] train, int[] tokens, int vocabularySize) {
        double[] count = new double[vocabularySize];
        for (int t : train) {
            count[t]++;
        }
        double loss = 0;
        for (int t : tokens) {
            // add-one smoothing: a character unseen in training still has a finite cost
            loss -= Math.log((count[t] + 1) / (train.length + vocabularySize));
        }
        return loss / tokens.length;
    }

    /** Trains on the first 90 % of {@code text} for {@code epochs} epochs and scores the rest. */
    public static Outcome train(String text, int epochs, long seed, PrintWriter out) {
        Vocabulary vocabulary = Vocabulary.characters(text);
        int[] tokens = vocabulary.encode(text);
        int cut = (int) (tokens.length * 0.9);
        int[] train = java.util.Arrays.copyOfRange(tokens, 0, cut);
        int[] validation = java.util.Arrays.copyOfRange(tokens, cut, tokens.length);
        LanguageModel.Windows trainWindows = LanguageModel.windows(train, SEQUENCE_LENGTH, SEQUENCE_LENGTH);
        LanguageModel.Windows validationWindows = LanguageModel.windows(validation, SEQUENCE_LENGTH, SEQUENCE_LENGTH);
        Keras.setRandomSeed(seed);
        LanguageModel lm = LanguageModel.lstm(vocabulary.size(), SEQUENCE_LENGTH, EMBEDDING, UNITS)
                .withReservedTokens(2)
                .compile(new Adam(LEARNING_RATE));
        if (out != null) {
            lm.model().summary(out::println);
        }
        List<String> samples = new ArrayList<>();
        Callback sampleEachEpoch = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                int[] generated = lm.generate(vocabulary.encode(PROMPT), 200, TokenSampler.temperature(0.8, seed + epoch));
                String sample = vocabulary.decode(generated);
                samples.add(sample);
                if (out != null) {
                    out.printf(Locale.ROOT, "epoch %d: loss %.4f, val_loss %.4f; sample:%n%s%s%n---%n", epoch + 1,
                            logs.get("loss"), logs.get("val_loss"), PROMPT, sample);
                    out.flush();
                }
            }
        };
        History history = lm.fit(trainWindows.x(), trainWindows.y(), FitOptions.defaults().epochs(epochs)
                .batchSize(BATCH_SIZE).validationData(validationWindows.x(), validationWindows.y())
                .callbacks(sampleEachEpoch).verbose(0));
        double validationLoss = lm.evaluate(validationWindows.x(), validationWindows.y()).get("loss");
        return new Outcome(validationLoss, unigramLoss(train, validation, vocabulary.size()), Math.exp(validationLoss),
                samples, vocabulary, history);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        DatasetLocator locator = ctx.dataDir().map(d -> DatasetLocator.defaults().withDirectory(d))
                .orElse(DatasetLocator.defaults());
        String text = TinyShakespeare.load(locator);
        Outcome o = train(text, EPOCHS, 0, ctx.out());
        ctx.out().printf(Locale.ROOT, "validation: %.3f nats/char (perplexity %.2f); unigram baseline %.3f%n",
                o.validationLoss(), o.perplexity(), o.unigramLoss());
        return ExerciseResult.of("validation loss (nats/char)", o.validationLoss())
                .withPassed(o.validationLoss() < REFERENCE_VALIDATION_LOSS);
    }
}
