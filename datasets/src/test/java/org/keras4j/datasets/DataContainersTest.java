package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class DataContainersTest {

    @Test
    void tabularData_mismatchedRows_namesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularData.of(Nd4j.zeros(DataType.FLOAT, 3, 2), Nd4j.zeros(DataType.FLOAT, 4, 1)));

        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[4, 1]"), e.getMessage());
    }

    @Test
    void tabularData_of_namesColumnsAndBecomesDataSet() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 3, 2);
        INDArray y = Nd4j.ones(DataType.FLOAT, 3, 1);

        TabularData data = TabularData.of(x, y);
        DataSet ds = data.toDataSet();

        assertEquals(List.of("x0", "x1"), data.featureNames());
        assertEquals(x, ds.getFeatures());
        assertEquals(y, ds.getLabels());
    }

    @Test
    void classificationData_labelOutOfRange_namesRowAndRange() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 1);
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {2}});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassificationData(x, y, List.of("f"), List.of("a", "b")));

        assertEquals("y[1] must be a class index in [0, 2), got 2.0", e.getMessage());
    }

    @Test
    void classificationData_toDataSet_usesOneHotLabels() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 1);
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}});

        DataSet ds = new ClassificationData(x, y, List.of("f"), List.of("a", "b")).toDataSet();

        assertArrayEquals(new float[] {0, 1, 1, 0}, ds.getLabels().ravel().toFloatVector(), 0f);
    }
}
