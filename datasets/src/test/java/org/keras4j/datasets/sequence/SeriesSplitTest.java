package org.keras4j.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.datasets.MinMaxScaler;
import org.keras4j.datasets.StandardScaler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SeriesSplitTest {

    /** 0, 1, ..., 99: each value is its own time step, so a window's values show where it was cut. */
    private static final INDArray SERIES = Nd4j.arange(0, 100).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);

    private static float[] x(Windows w, int i) {
        return w.x().get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).dup().ravel().toFloatVector();
    }

    @Test
    void windows_boundariesAreFloorOfTheFractions() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).windows(SERIES, SlidingWindows.of(5));

        assertEquals(60, data.trainEnd());
        assertEquals(80, data.validationEnd());
        // each part of L steps gives L - (5 + 1) + 1 windows
        assertEquals(55, data.train().size());
        assertEquals(15, data.validation().size());
        assertEquals(15, data.test().size());
    }

    @Test
    void windows_noWindowStraddlesTwoParts() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).windows(SERIES, SlidingWindows.of(5));

        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, x(data.train(), 0));
        assertEquals(5f, data.train().y().getFloat(0, 0));
        assertArrayEquals(new float[] {54, 55, 56, 57, 58}, x(data.train(), 54));
        assertEquals(59f, data.train().y().getFloat(54, 0), "the last training target is the last training step");
        assertArrayEquals(new float[] {60, 61, 62, 63, 64}, x(data.validation(), 0));
        assertEquals(79f, data.validation().y().getFloat(14, 0));
        assertArrayEquals(new float[] {80, 81, 82, 83, 84}, x(data.test(), 0));
        assertEquals(99f, data.test().y().getFloat(14, 0));
    }

    @Test
    void windows_standardScalerIsFitOnTheTrainingPartOnly() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).scaler(StandardScaler::new).windows(SERIES, SlidingWindows.of(5));

        // training part 0..59: mean 29.5, population variance (60^2 - 1) / 12 = 299.91666...
        StandardScaler scaler = (StandardScaler) data.scaler();
        assertEquals(29.5, scaler.mean()[0], 1e-9);
        assertEquals((60.0 * 60 - 1) / 12, scaler.var()[0], 1e-6);
        double sd = Math.sqrt((60.0 * 60 - 1) / 12);
        assertEquals((80 - 29.5) / sd, data.test().x().getDouble(0, 0, 0), 1e-5);
        assertEquals((5 - 29.5) / sd, data.train().y().getDouble(0, 0), 1e-5);
    }

    @Test
    void inverseTransformTargets_givesBackTheSeriesUnits() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).scaler(MinMaxScaler::new).windows(SERIES, SlidingWindows.of(5));

        // min-max on 0..59: test value 99 scales to 99 / 59
        assertEquals(99 / 59.0, data.test().y().getDouble(14, 0), 1e-6);
        INDArray back = data.inverseTransformTargets(data.test().y());
        float[] expected = new float[15];
        for (int i = 0; i < 15; i++) {
            expected[i] = 85 + i;
        }
        assertArrayEquals(expected, back.ravel().toFloatVector(), 1e-4f);
    }

    @Test
    void inverseTransformTargets_severalFeatures_usesEachTargetColumnsStatistics() {
        // column 0: t, column 1: 1000 + 10 t; predict column 1
        float[][] s = new float[50][];
        for (int t = 0; t < 50; t++) {
            s[t] = new float[] {t, 1000 + 10 * t};
        }
        SeriesWindows data = SeriesSplit.of(0.5, 0.0).scaler(MinMaxScaler::new)
                .windows(Nd4j.createFromArray(s), SlidingWindows.of(3).horizon(2).targets(1));

        // training part t = 0..24: column 1 spans 1000..1240; the first test window (t = 25..27) predicts t = 28, 29
        assertEquals((1280 - 1000) / 240.0, data.test().y().getDouble(0, 0), 1e-6);
        INDArray back = data.inverseTransformTargets(data.test().y());
        assertArrayEquals(new float[] {1280, 1290}, back.getRow(0).toFloatVector(), 1e-3f);
    }

    @Test
    void windows_withoutValidation_hasNone() {
        SeriesWindows data = SeriesSplit.of(0.8, 0).windows(SERIES, SlidingWindows.of(5));

        assertFalse(data.hasValidation());
        assertEquals(80, data.validationEnd());
        assertThrows(IllegalStateException.class, data::validation);
        assertThrows(IllegalStateException.class, data::scaler);
    }

    @Test
    void windows_partShorterThanAWindow_throwsNamingThePart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesSplit.of(0.9, 0.05).windows(SERIES, SlidingWindows.of(5)));

        assertTrue(e.getMessage().contains("validation part has 5") && e.getMessage().contains("window + horizon = 6"),
                e.getMessage());
    }

    @Test
    void of_fractionsLeavingNoTestPart_throw() {
        assertThrows(IllegalArgumentException.class, () -> SeriesSplit.of(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SeriesSplit.of(0.5, -0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesSplit.of(0.7, 0.3));
        assertTrue(e.getMessage().contains("below 1"), e.getMessage());
    }

    @Test
    void inverseTransformTargets_wrongShape_throws() {
        SeriesWindows data = SeriesSplit.of(0.6, 0.2).scaler(MinMaxScaler::new).windows(SERIES, SlidingWindows.of(5));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> data.inverseTransformTargets(Nd4j.zeros(3, 1, 2)));
        assertTrue(e.getMessage().contains("[n, horizon]"), e.getMessage());
    }
}
