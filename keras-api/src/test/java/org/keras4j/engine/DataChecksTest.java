package org.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.losses.SparseCategoricalCrossentropy;
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
        // FLOAT arrays up to 65536 values and others up to 256 are read in Java, larger ones reduced natively
        for (int rows : new int[] {4, 2000, 30000}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                checkFinite(Nd4j.rand(type, rows, 3), rows);
            }
        }
    }

    private static void checkFinite(INDArray x, int rows) {
        {
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

    private static IllegalArgumentException sparseRejected(INDArray y, long firstSample, Shape output) {
        return assertThrows(IllegalArgumentException.class, () -> DataChecks.labels("y", y, y.size(0), firstSample,
                new SparseCategoricalCrossentropy(), output, "Dense 'out'"));
    }

    @Test
    void labels_fractionalClassIndex_namesSampleValueAndExpectedRange() {
        INDArray y = Nd4j.createFromArray(0f, 1f, 0.5f, 2f);
        assertEquals("Invalid class index in y: 0.5 at sample 2; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 2 (Dense 'out' has 3 units)", sparseRejected(y, 0, Shape.of(3)).getMessage());
    }

    @Test
    void labels_classIndexOutOfRange_namesSampleAndValue() {
        INDArray negative = Nd4j.createFromArray(new double[][] {{0}, {-1}});
        assertEquals("Invalid class index in y: -1 at sample 1; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 2 (Dense 'out' has 3 units)", sparseRejected(negative, 0, Shape.of(3)).getMessage());
        INDArray tooLarge = Nd4j.createFromArray(new long[] {2, 3});
        assertEquals("Invalid class index in y: 3 at sample 1; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 2 (Dense 'out' has 3 units)", sparseRejected(tooLarge, 0, Shape.of(3)).getMessage());
    }

    @Test
    void labels_batchOfALargerDataSet_namesTheSampleInTheWholeDataSet() {
        INDArray y = Nd4j.createFromArray(1f, 1.7f);
        assertEquals("Invalid class index in y: 1.7 at sample 41; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 2 (Dense 'out' has 3 units)", sparseRejected(y, 40, Shape.of(3)).getMessage());
    }

    @Test
    void labels_sequenceOfClassIndices_namesSampleAndPosition() {
        // output (steps 3, classes 4): one index per step
        INDArray y = Nd4j.createFromArray(new float[][] {{0, 1, 2}, {3, 2.5f, 1}});
        assertEquals("Invalid class index in y: 2.5 at sample 1, position 1; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 3 (Dense 'out' has 4 units)", sparseRejected(y, 0, Shape.of(3, 4)).getMessage());
    }

    @Test
    void labels_integerClassIndices_areAcceptedAsFloats() {
        INDArray y = Nd4j.createFromArray(new int[] {0, 2, 1});
        INDArray labels = DataChecks.labels("y", y, 3, new SparseCategoricalCrossentropy(), Shape.of(3), "Dense 'out'");
        assertEquals(DataType.FLOAT, labels.dataType());
        assertEquals(Nd4j.createFromArray(new float[][] {{0}, {2}, {1}}), labels);
    }
}
