package org.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DataChecksTest {

    private static void assertRejected(INDArray a, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataChecks.finite("x", a));
        assertEquals("x contains " + what + " values; clean or " + (what.equals("NaN") ? "impute them" : "rescale them")
                + " before training", e.getMessage());
    }

    @Test
    void finite_smallAndLargeArrays_nanAndInfinityRejected() {
        // up to 256 values are read in Java, larger arrays go through a native reduction
        for (int rows : new int[] {4, 2000}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, rows, 3);
            assertDoesNotThrow(() -> DataChecks.finite("x", x));
            INDArray nan = x.dup();
            nan.putScalar(rows - 1, 2, Float.NaN);
            assertRejected(nan, "NaN");
            INDArray inf = x.dup();
            inf.putScalar(0, 0, Float.NEGATIVE_INFINITY);
            assertRejected(inf, "infinite");
        }
    }

    @Test
    void finite_views_checkOnlyTheirOwnValues() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 3);
        x.putScalar(0, 0, Float.NaN);
        // rows 5..9: a contiguous view with an offset, past the NaN
        assertDoesNotThrow(() -> DataChecks.finite("x", x.get(NDArrayIndex.interval(5, 10), NDArrayIndex.all())));
        assertRejected(x.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()), "NaN");
        // a strided column view
        assertDoesNotThrow(() -> DataChecks.finite("x", x.getColumn(1)));
        assertRejected(x.getColumn(0), "NaN");
    }

    @Test
    void finite_integerArrays_areNotChecked() {
        assertDoesNotThrow(() -> DataChecks.finite("x", Nd4j.zeros(DataType.INT, 3, 2)));
    }
}
