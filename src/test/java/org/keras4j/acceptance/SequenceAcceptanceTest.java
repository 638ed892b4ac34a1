package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.TinyShakespeare;
import org.keras4j.datasets.text.TextSequences;
import org.keras4j.datasets.text.Vocabulary;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.sequence.NextNumberExercise;
import org.keras4j.examples.sequence.SineForecastExercise;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.Adam;

/** The course's recurrent-network exercises on sequences, end to end, with their reference results. */
class SequenceAcceptanceTest {

    @TempDir
    Path tmp;

    @Test
    void nextNumber_lstmPredicts21After1To20() {
        ExerciseResult r = new NextNumberExercise().run(
                ExerciseContext.of(new PrintWriter(new StringWriter(), true)));

        assertEquals(21.0, r.value(), NextNumberExercise.TOLERANCE, r.toString());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void sineForecast_testMseOnTheScaledSeriesBelow0point01() throws Exception {
        SineForecastExercise.Result r = SineForecastExercise.forecast(SineForecastExercise.EPOCHS);

        assertTrue(r.testMse() < SineForecastExercise.MAX_MSE, "test MSE " + r.testMse());
        Path png = SineForecastExercise.plot(r, tmp.resolve("sine-forecast.png"));
        assertTrue(Files.size(png) > 1000, "the plot is a PNG of some size");
    }

    @Test
    void textSequences_streamedFromTheExcerpt_trainACharacterLstm() throws Exception {
        Path file = tmp.resolve("excerpt.txt");
        Files.writeString(file, TinyShakespeare.excerpt());
        Vocabulary chars = Vocabulary.characters(file, Integer.MAX_VALUE);
        TextSequences sequences = TextSequences.of(file, chars, 20).stride(5).batchSize(64).oneHotInputs();
        Keras.setRandomSeed(0);
        Sequential model = new Sequential(new Input(20, chars.size()), new LSTM(64),
                new Dense(chars.size(), "softmax"));
        model.compile(new Adam(1e-2), "sparse_categorical_crossentropy", "accuracy");

        History h = model.fit(sequences.fractions(0.0, 0.9).shuffle(256, 1).iterator(),
                FitOptions.defaults().epochs(4).verbose(0)
                        .validationData(sequences.fractions(0.9, 1.0).iterator()));

        // a uniform guess over the vocabulary costs ln(size); the streamed batches teach the model more than that
        double uniform = Math.log(chars.size());
        assertTrue(h.get("loss").get(3) < h.get("loss").get(0), h.history().toString());
        assertTrue(h.last("loss") < uniform - 1, h.history().toString());
        assertTrue(h.has("val_loss"), h.history().toString());
    }
}
