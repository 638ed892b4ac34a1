package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    private static final double[] P = {0.1, 0.4, 0.05, 0.3, 0.15};

    private static double[] frequencies(TokenSampler s, double[] p, int draws) {
        double[] f = new double[p.length];
        for (int i = 0; i < draws; i++) {
            f[s.next(p)] += 1.0 / draws;
        }
        return f;
    }

    @Test
    void greedy_picksTheMostProbableToken_lowestIndexOnTies() {
        assertEquals(1, TokenSampler.greedy().next(P));
        assertEquals(0, TokenSampler.greedy().next(new double[] {0.5, 0.5}));
    }

    @Test
    void temperatureOne_samplesTheDistributionItself() {
        double[] f = frequencies(TokenSampler.temperature(1.0, 7), P, 40_000);
        for (int i = 0; i < P.length; i++) {
            assertEquals(P[i], f[i], 0.01, "token " + i);
        }
    }

    @Test
    void temperatureHalf_samplesTheSquaredDistributionRenormalized() {
        double z = 0;
        for (double p : P) {
            z += p * p;
        }
        double[] f = frequencies(TokenSampler.temperature(0.5, 11), P, 40_000);
        for (int i = 0; i < P.length; i++) {
            assertEquals(P[i] * P[i] / z, f[i], 0.01, "token " + i);
        }
    }

    @Test
    void topK_neverPicksOutsideTheKMostProbable_andKeepsTheirRatios() {
        double[] f = frequencies(TokenSampler.topK(2, 1.0, 3), P, 40_000);
        assertEquals(0.0, f[0] + f[2] + f[4], 0.0);
        assertEquals(0.4 / 0.7, f[1], 0.01);
        assertEquals(0.3 / 0.7, f[3], 0.01);
    }

    @Test
    void sameSeed_givesTheSameTokens() {
        int[] a = new int[50];
        int[] b = new int[50];
        TokenSampler s1 = TokenSampler.topK(3, 1.2, 99);
        TokenSampler s2 = TokenSampler.topK(3, 1.2, 99);
        for (int i = 0; i < 50; i++) {
            a[i] = s1.next(P);
            b[i] = s2.next(P);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void veryLowTemperature_doesNotUnderflowToNothing() {
        double[] tiny = {1e-30, 2e-30, 1e-31};
        assertEquals(1, TokenSampler.temperature(1e-3, 1).next(tiny));
    }

    @Test
    void badArguments_throwNamingTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenSampler.temperature(0, 1)).getMessage()
                .contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenSampler.topK(0, 1, 1)).getMessage()
                .contains("k must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenSampler.greedy().next(new double[] {0.2, -1}))
                .getMessage().contains("probabilities[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenSampler.greedy().next(new double[] {0, 0}))
                .getMessage().contains("all be 0"));
    }
}
