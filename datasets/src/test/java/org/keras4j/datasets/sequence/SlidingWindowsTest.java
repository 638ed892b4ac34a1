package org.keras4j.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SlidingWindowsTest {

    private static INDArray oneToN(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return Nd4j.createFromArray(v);
    }

    private static float[] window(INDArray x, int i) {
        return x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).dup().ravel().toFloatVector();
    }

    @Test
    void apply_windowOf3OverOneToEight_givesFiveWindowsAndTheNextValue() {
        Windows w = SlidingWindows.of(3).apply(oneToN(8));

        assertArrayEquals(new long[] {5, 3, 1}, w.x().shape());
        assertArrayEquals(new long[] {5, 1}, w.y().shape());
        assertArrayEquals(new float[] {1, 2, 3}, window(w.x(), 0));
        assertEquals(4f, w.y().getFloat(0, 0));
        assertArrayEquals(new float[] {5, 6, 7}, window(w.x(), 4));
        assertEquals(8f, w.y().getFloat(4, 0));
    }

    @Test
    void apply_horizonAndStride_startEveryStrideStepsAndDropTheIncompleteTail() {
        // T = 10, window 3, horizon 2, stride 2: starts 0, 2, 4 ((10 - 5) / 2 + 1 = 3); value 10 is unused
        Windows w = SlidingWindows.of(3).horizon(2).stride(2).apply(oneToN(10));

        assertEquals(3, w.size());
        assertArrayEquals(new float[] {1, 2, 3}, window(w.x(), 0));
        assertArrayEquals(new float[] {4, 5}, w.y().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {3, 4, 5}, window(w.x(), 1));
        assertArrayEquals(new float[] {5, 6, 7}, window(w.x(), 2));
        assertArrayEquals(new float[] {8, 9}, w.y().getRow(2).toFloatVector());
    }

    @Test
    void apply_severalFeatures_keepsEveryFeatureInXAndTheTargetColumnInY() {
        // row t = [t, 10 t], t = 0..5; window 2 predicting column 1
        float[][] s = new float[6][];
        for (int t = 0; t < 6; t++) {
            s[t] = new float[] {t, 10 * t};
        }
        Windows w = SlidingWindows.of(2).targets(1).apply(Nd4j.createFromArray(s));

        assertArrayEquals(new long[] {4, 2, 2}, w.x().shape());
        assertArrayEquals(new long[] {4, 1}, w.y().shape());
        assertArrayEquals(new float[] {0, 0, 1, 10}, window(w.x(), 0));
        assertArrayEquals(new float[] {20, 30, 40, 50}, w.y().ravel().toFloatVector());
    }

    @Test
    void apply_severalTargets_givesYOfRankThreeInTheGivenColumnOrder() {
        float[][] s = new float[5][];
        for (int t = 0; t < 5; t++) {
            s[t] = new float[] {t, 10 * t, 100 * t};
        }
        Windows w = SlidingWindows.of(2).horizon(2).targets(2, 0).apply(Nd4j.createFromArray(s));

        assertArrayEquals(new long[] {2, 2, 2}, w.y().shape());
        // window 0 predicts t = 2, 3: [[200, 2], [300, 3]]
        assertArrayEquals(new float[] {200, 2, 300, 3}, w.y().get(NDArrayIndex.point(0)).dup().ravel().toFloatVector());
        assertEquals(2, w.targets());
        assertEquals(2, w.horizon());
    }

    @Test
    void apply_defaultTargetsOfAMultivariateSeries_areAllColumns() {
        Windows w = SlidingWindows.of(1).apply(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));

        assertArrayEquals(new long[] {1, 1, 2}, w.y().shape());
        assertArrayEquals(new float[] {3, 4}, w.y().ravel().toFloatVector());
    }

    @Test
    void count_matchesTheFormula() {
        SlidingWindows w = SlidingWindows.of(4).horizon(2).stride(3);

        assertEquals((20 - 6) / 3 + 1, w.count(20));
        assertEquals(1, w.count(6));
        assertEquals(0, w.count(5));
    }

    @Test
    void apply_seriesShorterThanOneWindow_throwsNamingTheLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.of(5).horizon(2).apply(oneToN(6)));

        assertTrue(e.getMessage().contains("6 time steps") && e.getMessage().contains("window + horizon = 7"),
                e.getMessage());
    }

    @Test
    void apply_missingTargetColumn_throwsNamingTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.of(2).targets(3).apply(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}})));

        assertTrue(e.getMessage().contains("target column 3") && e.getMessage().contains("2 feature columns"),
                e.getMessage());
    }

    @Test
    void options_nonPositiveOrRepeated_throw() {
        assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(0));
        assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(3).horizon(0));
        assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(3).stride(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.of(3).targets(1, 1));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }

    @Test
    void apply_rankThreeSeries_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.of(1).apply(Nd4j.zeros(4, 2, 2)));

        assertTrue(e.getMessage().contains("[time, features]"), e.getMessage());
    }
}
