package org.keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CategoricalTest {

    @Test
    void toCategorical_vector_isOneHotRows() {
        INDArray oneHot = Categorical.toCategorical(Nd4j.createFromArray(0, 2, 1, 2), 3);
        INDArray expected = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 0, 1}});
        assertEquals(expected, oneHot);
    }

    @Test
    void toCategorical_column_dropsTrailingAxisOfOne() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}});
        INDArray oneHot = Categorical.toCategorical(labels, 2);
        assertArrayEquals(new long[] {2, 2}, oneHot.shape());
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1}, {1, 0}}), oneHot);
    }

    @Test
    void toCategorical_sequenceLabels_addClassAxis() {
        INDArray labels = Nd4j.createFromArray(new int[][] {{0, 1, 2}, {2, 2, 0}});
        INDArray oneHot = Categorical.toCategorical(labels, 3);
        assertArrayEquals(new long[] {2, 3, 3}, oneHot.shape());
        assertEquals(1.0, oneHot.getDouble(1, 0, 2));
        assertEquals(1.0, oneHot.getDouble(0, 1, 1));
        assertEquals(6.0, oneHot.sumNumber().doubleValue());
    }

    @Test
    void toCategorical_nonPositiveNumClasses_infersMaxPlusOne() {
        INDArray oneHot = Categorical.toCategorical(Nd4j.createFromArray(3L, 0L), 0);
        assertArrayEquals(new long[] {2, 4}, oneHot.shape());
        assertEquals(1.0, oneHot.getDouble(0, 3));
    }

    @Test
    void toCategorical_keepsFloatTypeOfLabels_andUsesDefaultFloatForIntegers() {
        assertEquals(DataType.DOUBLE, Categorical.toCategorical(Nd4j.createFromArray(0.0, 1.0), 2).dataType());
        assertEquals(Nd4j.defaultFloatingPointType(),
                Categorical.toCategorical(Nd4j.createFromArray(0, 1), 2).dataType());
    }

    @Test
    void toCategorical_negativeLabel_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Categorical.toCategorical(Nd4j.createFromArray(0, -1), 3));
        assertTrue(e.getMessage().contains("-1.0") && e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void toCategorical_nonIntegerLabel_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Categorical.toCategorical(Nd4j.createFromArray(0.0f, 1.5f), 3));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Categorical.toCategorical(Nd4j.createFromArray(Float.NaN), 3));
    }

    @Test
    void toCategorical_labelNotBelowNumClasses_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Categorical.toCategorical(Nd4j.createFromArray(0, 3, 1), 3));
        assertTrue(e.getMessage().contains("numClasses=3") && e.getMessage().contains("got 3 at flat index 1"),
                e.getMessage());
    }

    @Test
    void toCategorical_nullOrEmpty_throws() {
        assertThrows(IllegalArgumentException.class, () -> Categorical.toCategorical(null, 3));
        assertThrows(IllegalArgumentException.class, () -> Categorical.toCategorical(Nd4j.empty(DataType.FLOAT), 3));
    }

    @Test
    void fromCategorical_isArgmaxOverLastAxis() {
        INDArray scores = Nd4j.createFromArray(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.1f, 0.4f}});
        INDArray indices = Categorical.fromCategorical(scores);
        assertEquals(DataType.LONG, indices.dataType());
        assertArrayEquals(new long[] {2}, indices.shape());
        assertArrayEquals(new long[] {1, 0}, indices.toLongVector());
    }

    @Test
    void fromCategorical_singleRow_givesScalar() {
        INDArray index = Categorical.fromCategorical(Nd4j.createFromArray(0f, 0f, 1f));
        assertEquals(0, index.rank());
        assertEquals(2L, index.getLong(0));
    }

    @Test
    void fromCategorical_invertsToCategorical() {
        INDArray labels = Nd4j.createFromArray(new long[][] {{4, 0, 2}, {1, 3, 3}});
        INDArray back = Categorical.fromCategorical(Categorical.toCategorical(labels, 5));
        assertEquals(labels, back);
    }

    @Test
    void fromCategorical_scalar_throws() {
        assertThrows(IllegalArgumentException.class, () -> Categorical.fromCategorical(Nd4j.scalar(1.0f)));
        assertThrows(IllegalArgumentException.class, () -> Categorical.fromCategorical(null));
    }
}
