package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.sequence.NextNumberExercise;
import org.keras4j.examples.sequence.SineForecastExercise;

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
        assertTrue(r.trainSeconds() < 60, "trained in " + r.trainSeconds() + " s");
        Path png = SineForecastExercise.plot(r, tmp.resolve("sine-forecast.png"));
        assertTrue(Files.size(png) > 1000, "the plot is a PNG of some size");
    }
}
