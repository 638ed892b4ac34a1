package org.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers shared by the loss tests. */
final class LossTestSupport {
    private LossTestSupport() {
    }

    static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    }

    static void assertPerSample(double[] expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected, actual.castTo(DataType.DOUBLE).toDoubleVector(), tolerance);
    }
}
