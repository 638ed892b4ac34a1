package org.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ChecksTest {
    private final StringWriter text = new StringWriter();
    private final Checks checks = new Checks(new PrintWriter(text, true));

    @Test
    void equal_mismatch_isCountedAndNamed() {
        assertTrue(checks.equal("two", 2.0, 2.0));
        assertFalse(checks.equal("three", 3.5, 4.0));
        ExerciseResult result = checks.result("checks passed");
        assertEquals("1/2", result.text());
        assertFalse(result.passed());
        assertEquals("failed: three (got 3.5, expected 4)", result.details());
        assertTrue(text.toString().contains("  ✗ three: 3.5 (expected 4)"), text.toString());
    }

    @Test
    void equal_arraysOfAnotherDtype_fail() {
        assertFalse(checks.equal("dtype", Nd4j.createFromArray(1.0, 2.0),
                Nd4j.createFromArray(1.0, 2.0).castTo(DataType.FLOAT)));
    }

    @Test
    void equal_arraysOfAnotherShape_fail() {
        assertFalse(checks.equal("shape", Nd4j.createFromArray(1.0, 2.0).reshape(1, 2),
                Nd4j.createFromArray(1.0, 2.0)));
    }

    @Test
    void equal_arraysDifferingBelowNd4jEpsilon_fail() {
        // INDArray.equals tolerates 1e-5; checks are exact
        assertFalse(checks.equal("exact", Nd4j.createFromArray(1.0), Nd4j.createFromArray(1.0 + 1e-9)));
    }

    @Test
    void equal_javaArrays_compareByElement() {
        assertTrue(checks.equal("matrix", new double[][] {{1, 2}}, new double[][] {{1, 2}}));
        assertTrue(text.toString().contains("  ✓ matrix: [[1, 2]]"), text.toString());
    }

    @Test
    void close_withinTolerance_holds() {
        assertTrue(checks.close("pi", 3.1416, Math.PI, 1e-4));
        assertFalse(checks.close("pi", 3.15, Math.PI, 1e-4));
    }

    @Test
    void show_printsArraysCompactlyWithDtypeAndShape() {
        assertEquals("[[0, 1.5], [2, 3]] DOUBLE [2, 2]",
                Checks.show(Nd4j.createFromArray(new double[][] {{0, 1.5}, {2, 3}})));
    }
}
