package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RationalTanhTest {

    @Test
    void tanhAndSigmoid_matchTheExactFunctions_withinAFewFloatRoundings() {
        double tanhError = 0;
        double sigmoidError = 0;
        for (int k = -400_000; k <= 400_000; k++) {
            float x = k * 5e-5f;
            tanhError = Math.max(tanhError, Math.abs(RationalTanh.tanh(x) - Math.tanh(x)));
            sigmoidError = Math.max(sigmoidError, Math.abs(RationalTanh.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(tanhError < 4e-7, "tanh error " + tanhError);
        assertTrue(sigmoidError < 3e-7, "sigmoid error " + sigmoidError);
    }

    @Test
    void largeInputs_saturate_andNaNStaysNaN() {
        assertEquals(1f, RationalTanh.tanh(1e30f), 3e-7f);
        assertEquals(-1f, RationalTanh.tanh(Float.NEGATIVE_INFINITY), 3e-7f);
        assertEquals(0f, RationalTanh.sigmoid(-1e30f), 3e-7f);
        assertEquals(1f, RationalTanh.sigmoid(200f), 3e-7f);
        assertTrue(Float.isNaN(RationalTanh.tanh(Float.NaN)));
        assertTrue(Float.isNaN(RationalTanh.sigmoid(Float.NaN)));
    }

    @Test
    void arrayRanges_changeOnlyTheirRange() {
        float[] v = {0.3f, -2f, 1.5f, 4f};
        RationalTanh.tanh(v, 1, 2);
        RationalTanh.sigmoid(v, 2, 4);
        assertEquals(0.3f, v[0]);
        assertEquals(Math.tanh(-2), v[1], 4e-7);
        assertEquals(1 / (1 + Math.exp(-1.5)), v[2], 3e-7);
        assertEquals(1 / (1 + Math.exp(-4)), v[3], 3e-7);
    }
}
