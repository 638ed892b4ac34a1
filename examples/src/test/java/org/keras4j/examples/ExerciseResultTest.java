package org.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExerciseResultTest {

    @Test
    void meanStd_showsDecimalsUpToStdsFirstDigit() {
        assertEquals("0.97 ± 0.01", ExerciseResult.meanStd("accuracy", 0.9712, 0.0123).text());
        assertEquals("0.0012 ± 0.0003", ExerciseResult.meanStd("loss", 0.00123, 0.0003).text());
        assertEquals("41.23 ± 2.50", ExerciseResult.meanStd("mse", 41.234, 2.5).text());
        assertEquals(0.9712, ExerciseResult.meanStd("accuracy", 0.9712, 0.0123).value());
    }

    @Test
    void meanStd_negativeStd_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExerciseResult.meanStd("accuracy", 0.9, -0.1));
        assertEquals("std must be >= 0, got -0.1", e.getMessage());
    }

    @Test
    void of_integersWithoutDecimalsOthersFourDigits() {
        assertEquals("0", ExerciseResult.of("error", 0.0).text());
        assertEquals("0.9712", ExerciseResult.of("accuracy", 0.97123).text());
        assertEquals("1.235e-05", ExerciseResult.of("error", 1.2345e-5).text());
    }

    @Test
    void count_passesOnlyWhenAllHeld() {
        ExerciseResult all = ExerciseResult.count("checks passed", 5, 5);
        ExerciseResult some = ExerciseResult.count("checks passed", 4, 5);
        assertTrue(all.passed());
        assertEquals("5/5", all.text());
        assertFalse(some.passed());
        assertEquals(4.0, some.value());
    }

    @Test
    void count_moreHeldThanTotal_throws() {
        assertThrows(IllegalArgumentException.class, () -> ExerciseResult.count("checks passed", 6, 5));
    }

    @Test
    void blankMetric_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExerciseResult.of(" ", 1));
        assertEquals("metric must be a non-blank name, got ' '", e.getMessage());
    }
}
