package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScalerTest {

    // column 0: 1, 2, 3, 6 -> mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5; column 1 is constant
    private static final INDArray TRAIN = Nd4j.createFromArray(new float[][] {{1, 10}, {2, 10}, {3, 10}, {6, 10}});
    private static final INDArray TEST = Nd4j.createFromArray(new float[][] {{0, 20}, {9, 10}});

    @Test
    void standardScaler_fit_learnsMeanAndPopulationStd() {
        StandardScaler scaler = new StandardScaler().fit(TRAIN);

        assertArrayEquals(new double[] {3, 10}, scaler.mean(), 1e-12);
        assertArrayEquals(new double[] {3.5, 0}, scaler.var(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(3.5), 1}, scaler.scale(), 1e-12);
    }

    @Test
    void standardScaler_transformTest_usesTrainingStatisticsOnly() {
        StandardScaler scaler = new StandardScaler();
        scaler.fit(TRAIN);

        INDArray z = scaler.transform(TEST);

        double s = Math.sqrt(3.5);
        assertArrayEquals(new float[] {(float) (-3 / s), 10, (float) (6 / s), 0}, z.ravel().toFloatVector(), 1e-6f);
        assertEquals(DataType.FLOAT, z.dataType());
    }

    @Test
    void standardScaler_fitTransform_givesMeanZeroAndUnitStd() {
        INDArray z = new StandardScaler().fitTransform(TRAIN);

        assertEquals(0, z.getColumn(0).meanNumber().doubleValue(), 1e-6);
        assertEquals(1, z.getColumn(0).stdNumber(false).doubleValue(), 1e-6);
        assertArrayEquals(new float[] {0, 0, 0, 0}, z.getColumn(1).toFloatVector(), 0f);
    }

    @Test
    void standardScaler_inverseTransform_restoresOriginalUnits() {
        StandardScaler scaler = new StandardScaler().fit(TRAIN);

        INDArray back = scaler.inverseTransform(scaler.transform(TEST));

        assertArrayEquals(TEST.ravel().toFloatVector(), back.ravel().toFloatVector(), 1e-5f);
    }

    @Test
    void standardScaler_leavesInputUnchanged() {
        // a double input is not copied by the cast inside, so this is where an in-place op would show
        INDArray x = TRAIN.castTo(DataType.DOUBLE);
        INDArray before = x.dup();

        INDArray z = new StandardScaler().fitTransform(x);

        assertEquals(before, x);
        assertEquals(DataType.DOUBLE, z.dataType());
    }

    @Test
    void standardScaler_transformBeforeFit_throwsIllegalState() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StandardScaler().transform(TEST));

        assertTrue(e.getMessage().contains("not fitted"), e.getMessage());
    }

    @Test
    void standardScaler_wrongColumnCount_namesExpectedAndActual() {
        StandardScaler scaler = new StandardScaler().fit(TRAIN);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scaler.transform(Nd4j.zeros(DataType.FLOAT, 2, 3)));

        assertTrue(e.getMessage().contains("must have 2 columns") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
    }

    @Test
    void standardScaler_nanInTrainingData_namesTheColumn() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, Float.NaN}});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StandardScaler().fit(x));

        assertTrue(e.getMessage().contains("column 1 contains NaN"), e.getMessage());
    }

    @Test
    void standardScaler_vector_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(Nd4j.createFromArray(1f, 2f, 3f)));

        assertTrue(e.getMessage().contains("matrix"), e.getMessage());
    }

    @Test
    void minMaxScaler_transform_mapsTrainingRangeToUnitInterval() {
        MinMaxScaler scaler = new MinMaxScaler().fit(TRAIN);

        assertArrayEquals(new double[] {1, 10}, scaler.dataMin(), 0);
        assertArrayEquals(new double[] {6, 10}, scaler.dataMax(), 0);
        // (x - 1) / 5; the constant column maps to the range minimum
        assertArrayEquals(new float[] {0, 0, 0.2f, 0, 0.4f, 0, 1, 0},
                scaler.transform(TRAIN).ravel().toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {-0.2f, 10, 1.6f, 0}, scaler.transform(TEST).ravel().toFloatVector(), 1e-6f);
    }

    @Test
    void minMaxScaler_customRange_andInverse() {
        MinMaxScaler scaler = new MinMaxScaler(-1, 1).fit(TRAIN);

        INDArray scaled = scaler.transform(TRAIN);

        assertArrayEquals(new float[] {-1, -1, -0.6f, -1, -0.2f, -1, 1, -1}, scaled.ravel().toFloatVector(), 1e-6f);
        assertArrayEquals(TEST.ravel().toFloatVector(),
                scaler.inverseTransform(scaler.transform(TEST)).ravel().toFloatVector(), 1e-5f);
    }

    @Test
    void minMaxScaler_emptyRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));

        assertTrue(e.getMessage().contains("[1.0, 1.0]"), e.getMessage());
    }
}
