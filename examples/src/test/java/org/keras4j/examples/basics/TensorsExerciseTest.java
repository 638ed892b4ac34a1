package org.keras4j.examples.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;

class TensorsExerciseTest {

    @Test
    void run_everyCheckHolds() {
        StringWriter text = new StringWriter();
        ExerciseResult result = new TensorsExercise().run(ExerciseContext.of(new PrintWriter(text, true)));
        String out = text.toString();
        long printed = out.lines().filter(l -> l.startsWith("  ✓ ")).count();

        assertTrue(result.passed(), result.details());
        assertEquals("", result.details());
        assertTrue(printed >= 40, "expected at least 40 checks, got " + printed);
        assertEquals(printed, result.value());
        assertEquals(printed + "/" + printed, result.text());
        assertFalse(out.contains("✗"), out);
    }

    @Test
    void run_coversEachTopicWithACaption() {
        StringWriter text = new StringWriter();
        new TensorsExercise().run(ExerciseContext.of(new PrintWriter(text, true)));
        for (String topic : new String[] {"dtypes", "reshape", "slicing", "products", "mean", "linspace",
                "Java arrays"}) {
            assertTrue(text.toString().contains(topic), topic);
        }
    }
}
