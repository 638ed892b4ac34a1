package org.keras4j.examples.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;

class AutodiffExerciseTest {

    @Test
    void run_gradientsEqualHandDerivedValuesExactly() {
        StringWriter text = new StringWriter();
        ExerciseResult result = new AutodiffExercise().run(ExerciseContext.of(new PrintWriter(text, true)));
        String out = text.toString();

        assertEquals(0.0, result.value());
        assertEquals("0", result.text());
        assertTrue(out.matches("(?s).*df/dx = 2x\\s+SameDiff 4\\s+by hand 4.*"), out);
        assertTrue(out.matches("(?s).*dz/dx = 2x \\+ 2\\s+SameDiff 6\\s+by hand 6.*"), out);
        assertTrue(out.matches("(?s).*df/du = v \\+ 2u\\s+SameDiff 4\\s+by hand 4.*"), out);
        assertTrue(out.matches("(?s).*df/dv = u\\s+SameDiff 1\\s+by hand 1.*"), out);
        assertTrue(out.contains("z = 9"), out);  // the forward value, 2² + 2·2 + 1
    }
}
