package org.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link HostArrays} copies arrays and views to and from {@code double[]} in row-major order. */
class HostArraysTest {

    /** {@code [rows, cols]} in c order holding 0, 1, 2, ... row by row. */
    private static INDArray counting(DataType type, int rows, int cols) {
        return Nd4j.createFromArray(range(0, rows * cols)).reshape('c', rows, cols).castTo(type);
    }

    private static double[] range(int from, int to) {
        return IntStream.range(from, to).asDoubleStream().toArray();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void read_givesRowMajorValues_ofMatricesAndViews(DataType type) {
        INDArray c = counting(type, 6, 5);
        assertArrayEquals(range(0, 30), HostArrays.read(c, null), "c order");
        INDArray f = Nd4j.create(type, new long[] {6, 5}, 'f').assign(c);
        assertArrayEquals(range(0, 30), HostArrays.read(f, null), "f order");
        assertArrayEquals(range(10, 15), HostArrays.read(c.getRow(2), null), "row view");
        assertArrayEquals(range(10, 25), HostArrays.read(c.get(interval(2, 5), all()), null), "rows 2..4");
        assertArrayEquals(new double[] {1, 6, 11, 16, 21, 26}, HostArrays.read(c.getColumn(1), null), "column view");
    }

    @Test
    void read_reusesAnArrayOfTheRightLengthOnly() {
        INDArray m = counting(DataType.DOUBLE, 2, 3);
        double[] reuse = new double[6];
        assertSame(reuse, HostArrays.read(m, reuse));
        assertArrayEquals(range(0, 6), reuse);
        assertNotSame(reuse, HostArrays.read(counting(DataType.DOUBLE, 1, 5), reuse));
    }

    @Test
    void write_fillsAVectorAndAViewAtAnOffset() {
        INDArray vector = Nd4j.zeros(DataType.FLOAT, 1, 4);
        HostArrays.write(new float[] {1.5f, -2, 3, 4}, vector);
        assertArrayEquals(new double[] {1.5, -2, 3, 4}, vector.ravel().toDoubleVector());

        INDArray big = Nd4j.zeros(DataType.FLOAT, 4, 5);
        HostArrays.write(new float[] {1, 2, 3, 4, 5}, big.getRow(2));
        double[] expected = new double[20];
        System.arraycopy(range(1, 6), 0, expected, 10, 5);
        assertArrayEquals(expected, big.ravel().toDoubleVector(), "row 2 written, the rest untouched");
    }

    @Test
    void write_refusesALengthMismatchAndOtherTypes() {
        INDArray target = Nd4j.zeros(DataType.FLOAT, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostArrays.write(new float[3], target));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("[1, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostArrays.write(new float[4], Nd4j.zeros(DataType.DOUBLE, 1, 4)));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void readFloats_givesRowMajorValues_ofViewsAndOtherTypes(DataType type) {
        INDArray c = counting(type, 6, 5);
        float[] reuse = new float[5];
        assertSame(reuse, HostArrays.readFloats(c.getRow(2), reuse));
        assertArrayEquals(new float[] {10, 11, 12, 13, 14}, reuse, "row view");
        assertArrayEquals(new float[] {1, 6, 11, 16, 21, 26}, HostArrays.readFloats(c.getColumn(1), null), "column view");
        assertArrayEquals(new float[] {0, 5, 10, 15, 20, 25, 1}, java.util.Arrays.copyOf(
                HostArrays.readFloats(c.dup('f').transpose(), null), 7), "transposed f order");
    }

    @Test
    void rowMajorContiguous_onlyForArraysWhoseMemoryOrderIsRowMajor() {
        INDArray c = counting(DataType.FLOAT, 6, 5);
        assertTrue(HostArrays.rowMajorContiguous(c));
        assertTrue(HostArrays.rowMajorContiguous(c.getRow(2)));
        assertFalse(HostArrays.rowMajorContiguous(c.dup('f')));
        assertFalse(HostArrays.rowMajorContiguous(c.getColumn(1)));
    }
}
