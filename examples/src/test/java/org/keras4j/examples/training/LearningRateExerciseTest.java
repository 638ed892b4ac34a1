package org.keras4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningRateExerciseTest {
    @TempDir
    Path dir;

    @Test
    void selectsTheRightRate_printsTheTable_andWritesThePlot() throws java.io.IOException {
        String previous = System.getProperty(OutputFiles.PROPERTY);
        System.setProperty(OutputFiles.PROPERTY, dir.toString());
        try {
            StringWriter text = new StringWriter();
            ExerciseResult r = new LearningRateExercise().run(ExerciseContext.of(new PrintWriter(text, true)));
            assertTrue(r.passed(), r.details() + "\n" + text);
            assertEquals("4/4", r.text());
            assertTrue(text.toString().contains("*  lr=0.1"), text.toString());
            assertTrue(Files.size(dir.resolve("learning-rates.png")) > 1000);
        } finally {
            if (previous == null) {
                System.clearProperty(OutputFiles.PROPERTY);
            } else {
                System.setProperty(OutputFiles.PROPERTY, previous);
            }
        }
    }
}
