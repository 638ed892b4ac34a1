package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LanguageModelTest {

    /** 2, 3, 4, 5, 2, 3, 4, 5, ...: a cycle of four tokens after the two reserved ones. */
    private static int[] cycle(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 2 + i % 4;
        }
        return t;
    }

    @Test
    void windows_cutInputsAndNextTokenTargets() {
        int[] tokens = {5, 6, 7, 8, 9, 10, 11};
        LanguageModel.Windows w = LanguageModel.windows(tokens, 3, 2);
        // starts 0 and 2; start 4 would need a target after the last token
        assertArrayEquals(new long[] {2, 3}, w.x().shape());
        assertArrayEquals(new double[] {5, 6, 7}, w.x().getRow(0).toDoubleVector());
        assertArrayEquals(new double[] {6, 7, 8}, w.y().getRow(0).toDoubleVector());
        assertArrayEquals(new double[] {7, 8, 9}, w.x().getRow(1).toDoubleVector());
        assertArrayEquals(new double[] {8, 9, 10}, w.y().getRow(1).toDoubleVector());
    }

    @Test
    void windows_tooShortOrNegative_throw() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageModel.windows(new int[] {1, 2, 3}, 3, 1))
                .getMessage().contains("at least sequenceLength + 1 = 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageModel.windows(new int[] {1, -2, 3, 4}, 2, 1))
                .getMessage().contains("tokens[1]"));
    }

    @Test
    void learnsACycle_greedyGenerationContinuesIt_andPerplexityIsExpOfTheLoss() {
        Keras.setRandomSeed(1);
        LanguageModel lm = LanguageModel.lstm(6, 8, 8, 16).withReservedTokens(2).compile(new Adam(0.02));
        LanguageModel.Windows w = LanguageModel.windows(cycle(400), 8, 3);
        lm.fit(w.x(), w.y(), FitOptions.defaults().epochs(15).batchSize(16).verbose(0));
        int[] next = lm.generate(new int[] {2, 3, 4}, 9, TokenSampler.greedy());
        assertArrayEquals(new int[] {5, 2, 3, 4, 5, 2, 3, 4, 5}, next);

        // perplexity, computed here from the predicted probabilities of the true next tokens
        INDArray p = lm.model().predict(w.x()).castTo(DataType.DOUBLE);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < w.x().rows(); i++) {
            for (int t = 0; t < 8; t++) {
                sum -= Math.log(Math.max(p.getDouble(i, t, w.y().getInt(i, t)), 1e-7));
                n++;
            }
        }
        assertEquals(Math.exp(sum / n), lm.perplexity(w.x(), w.y()), 1e-3 * Math.exp(sum / n));
        assertTrue(lm.perplexity(w.x(), w.y()) < 1.2, "a deterministic cycle is nearly certain");
    }

    @Test
    void generate_neverEmitsReservedTokens_andIsReproducibleWithASeed() {
        Keras.setRandomSeed(2);
        LanguageModel lm = LanguageModel.gru(7, 5, 4, 8).withReservedTokens(2).compile("adam");
        int[] a = lm.generate(new int[] {3}, 40, TokenSampler.temperature(5.0, 11));
        int[] b = lm.generate(new int[] {3}, 40, TokenSampler.temperature(5.0, 11));
        assertArrayEquals(a, b);
        assertTrue(Arrays.stream(a).allMatch(t -> t >= 2 && t < 7), Arrays.toString(a));
    }

    @Test
    void summary_countsTheStack() {
        // Embedding 67*32 = 2,144; LSTM 4*(256*(32+256)+256) = 295,936; Dense 256*67+67 = 17,219
        LanguageModel lm = LanguageModel.lstm(67, 100, 32, 256);
        String text = lm.model().summaryText();
        assertTrue(text.contains("2,144") && text.contains("295,936") && text.contains("17,219"), text);
        assertTrue(text.contains("Total params: 315,299"), text);
    }

    @Test
    void badArguments_throw() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageModel.lstm(10, 5, 4))
                .getMessage().contains("units"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageModel.lstm(10, 5, 4, 8)
                .nextTokenProbabilities(new int[] {10})).getMessage().contains("context[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageModel.lstm(10, 5, 4, 8)
                .withReservedTokens(10)).getMessage().contains("reservedTokens"));
    }
}
