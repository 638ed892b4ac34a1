package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class StepGemmTest {

    /** Columns {@code [from, from + n)} of a wider column-major array: a view at an offset. */
    private static INDArray block(DataType type, long rows, long n, long from) {
        return Nd4j.randn(type, 'f', rows, from + n + 2).get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + n));
    }

    @Test
    void everyTransposition_equalsNd4jGemm_onViewsAtOffsets_withBeta() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            StepGemm gemm = new StepGemm(type);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Nd4j.getRandom().setSeed(5);
                    INDArray a = ta ? block(type, 7, 5, 3) : block(type, 5, 7, 3);
                    INDArray b = tb ? block(type, 4, 7, 2) : block(type, 7, 4, 2);
                    INDArray c = block(type, 5, 4, 1);
                    INDArray expected = Nd4j.gemm(a, b, ta, tb).add(c.mul(0.5));
                    gemm.multiply(a, ta, b, tb, c, 0.5);
                    assertTrue(expected.equalsWithEps(c, 1e-5), type + " transposeA " + ta + " transposeB " + tb);
                }
            }
        }
    }

    @Test
    void regionsOfFlatArrays_equalNd4jGemm_inEveryTransposition() {
        StepGemm gemm = new StepGemm(DataType.FLOAT);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Nd4j.getRandom().setSeed(3);
                // op(a) 5 x 7, op(b) 7 x 4, c 5 x 4: each stored from an offset with a wider leading dimension
                INDArray a = Nd4j.randn(DataType.FLOAT, 80);
                INDArray b = Nd4j.randn(DataType.FLOAT, 60);
                INDArray c = Nd4j.randn(DataType.FLOAT, 40);
                INDArray aMatrix = region(a, 3, 9, ta ? 7 : 5, ta ? 5 : 7);
                INDArray bMatrix = region(b, 2, 8, tb ? 4 : 7, tb ? 7 : 4);
                INDArray cBefore = region(c, 1, 6, 5, 4).dup();
                INDArray expected = Nd4j.gemm(aMatrix, bMatrix, ta, tb).add(cBefore.mul(0.5));
                float outside = c.getFloat(0);
                gemm.multiplyRegions(5, 4, 7, a, 3, 9, ta, b, 2, 8, tb, 0.5f, c, 1, 6);
                assertTrue(expected.equalsWithEps(region(c, 1, 6, 5, 4), 1e-5), "transposeA " + ta + " transposeB " + tb);
                assertEquals(outside, c.getFloat(0), "c before the region");
            }
        }
    }

    @Test
    void regionsOverrunningTheirArray_orNotFloat_areRefused_beforeAnyNativeCall() {
        StepGemm gemm = new StepGemm(DataType.FLOAT);
        INDArray a = Nd4j.ones(DataType.FLOAT, 20);
        INDArray c = Nd4j.ones(DataType.FLOAT, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemm.multiplyRegions(4, 4, 4, a, 5, 4, false, a, 0, 4, false, 0f, c, 0, 4));
        assertEquals("multiplyRegions: a region of 4 x 4 at offset 5 with leading dimension 4 does not fit an array of 20"
                + " elements", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> gemm.multiplyRegions(4, 4, 4, a, 0, 3, false, a, 0, 4, false, 0f, c, 0, 4));
        e = assertThrows(IllegalArgumentException.class, () -> gemm.multiplyRegions(2, 2, 2,
                Nd4j.ones(DataType.DOUBLE, 8), 0, 2, false, a, 0, 2, false, 0f, c, 0, 2));
        assertEquals("multiplyRegions multiplies FLOAT arrays, got a DOUBLE", e.getMessage());
    }

    /** The column-major {@code rows x columns} matrix at {@code offset} of a flat array, with leading dimension {@code ld}. */
    private static INDArray region(INDArray flat, long offset, long ld, long rows, long columns) {
        return flat.get(NDArrayIndex.interval(offset, offset + ld * columns)).reshape('f', ld, columns)
                .get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }

    @Test
    void rowMajorOperands_andOtherTypes_areRefused() {
        StepGemm gemm = new StepGemm(DataType.FLOAT);
        INDArray rowMajor = Nd4j.ones(DataType.FLOAT, 3, 3);
        INDArray columnMajor = Nd4j.ones(DataType.FLOAT, 'f', 3, 3);
        assertThrows(IllegalStateException.class, () -> gemm.multiply(rowMajor, false, columnMajor, false, columnMajor, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepGemm(DataType.HALF));
        assertEquals("StepGemm multiplies FLOAT or DOUBLE arrays, got HALF", e.getMessage());
    }
}
