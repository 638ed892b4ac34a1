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
    void rowMajorOperands_andOtherTypes_areRefused() {
        StepGemm gemm = new StepGemm(DataType.FLOAT);
        INDArray rowMajor = Nd4j.ones(DataType.FLOAT, 3, 3);
        INDArray columnMajor = Nd4j.ones(DataType.FLOAT, 'f', 3, 3);
        assertThrows(IllegalStateException.class, () -> gemm.multiply(rowMajor, false, columnMajor, false, columnMajor, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepGemm(DataType.HALF));
        assertEquals("StepGemm multiplies FLOAT or DOUBLE arrays, got HALF", e.getMessage());
    }
}
