package org.keras4j.internal.dl4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CpuArraysTest {

    @Test
    void rowMajor_isTheArrayNd4jCreates_andOwnsItsValues() {
        float[] values = {1, 2, 3, 4, 5, 6};
        INDArray made = CpuArrays.rowMajor(values, 3, 2);
        INDArray expected = Nd4j.create(values, new long[] {3, 2}, 'c');
        assertArrayEquals(expected.shapeInfoJava(), made.shapeInfoJava());
        assertEquals(DataType.FLOAT, made.dataType());
        assertEquals(expected, made);
        values[0] = 9;
        assertEquals(1f, made.getFloat(0, 0), "a copy");
        // ND4J operations read the shared shape buffer as any other array's
        assertEquals(expected.mul(2), made.mul(2));
        assertEquals(expected.sum(0), made.sum(0));
        assertEquals(Nd4j.create(new float[] {1, 3, 5}, new long[] {3, 1}, 'c'), CpuArrays.rowMajor(new float[] {1, 3, 5}, 3, 1));
    }

    @Test
    void rowMajor_wrongLength_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuArrays.rowMajor(new float[5], 3, 2));
        assertEquals("values must hold rows * cols = 6 floats, got 5", e.getMessage());
    }
}
