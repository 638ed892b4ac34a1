package org.keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SplitsTest {

    /** Row i of x is filled with i, so a row's origin is readable from its values. */
    private static INDArray indexed(long... shape) {
        INDArray x = Nd4j.create(DataType.FLOAT, shape);
        for (int i = 0; i < shape[0]; i++) {
            x.slice(i).assign(i);
        }
        return x;
    }

    private static double[] origins(INDArray a) {
        double[] out = new double[(int) a.size(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.size(0) == a.length() ? a.getDouble(i) : a.slice(i).getDouble(0);
        }
        return out;
    }

    @Test
    void trainTestSplit_sizesFollowCeilOfTestFraction() {
        Splits.TrainTestSplit s = Splits.trainTestSplit(indexed(10, 2), indexed(10), 0.3, 1);
        assertArrayEquals(new long[] {7, 2}, s.xTrain().shape());
        assertArrayEquals(new long[] {3, 2}, s.xTest().shape());
        assertArrayEquals(new long[] {7}, s.yTrain().shape());
        assertArrayEquals(new long[] {3}, s.yTest().shape());
        assertEquals(2, Splits.trainTestSplit(indexed(9, 1), indexed(9), 0.2, 1).xTest().size(0));
    }

    @Test
    void trainTestSplit_xAndYRowsStayPaired_anyRank() {
        INDArray x = indexed(20, 3, 4, 2);
        INDArray y = indexed(20, 5);
        Splits.TrainTestSplit s = Splits.trainTestSplit(x, y, 0.25, 42);
        assertArrayEquals(new long[] {5, 3, 4, 2}, s.xTest().shape());
        assertArrayEquals(origins(s.yTrain()), origins(s.xTrain()));
        assertArrayEquals(origins(s.yTest()), origins(s.xTest()));
        // every element of a picked row came from the same source row
        assertEquals(s.xTest().slice(0).getDouble(0) * 24, s.xTest().slice(0).sumNumber().doubleValue(), 0.0);
    }

    @Test
    void trainTestSplit_isAPartitionOfTheRows() {
        Splits.TrainTestSplit s = Splits.trainTestSplit(indexed(50, 2), indexed(50), 0.2, 3);
        double[] all = new double[50];
        System.arraycopy(origins(s.yTrain()), 0, all, 0, 40);
        System.arraycopy(origins(s.yTest()), 0, all, 40, 10);
        Arrays.sort(all);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Test
    void trainTestSplit_shuffles() {
        Splits.TrainTestSplit s = Splits.trainTestSplit(indexed(100, 1), indexed(100), 0.2, 5);
        double[] train = origins(s.yTrain());
        double[] sorted = train.clone();
        Arrays.sort(sorted);
        assertTrue(!Arrays.equals(sorted, train), "training rows should not keep their original order");
    }

    @Test
    void trainTestSplit_sameSeedSameSplit_otherSeedOtherSplit() {
        INDArray x = indexed(30, 2);
        INDArray y = indexed(30);
        Splits.TrainTestSplit a = Splits.trainTestSplit(x, y, 0.2, 11);
        Splits.TrainTestSplit b = Splits.trainTestSplit(x, y, 0.2, 11);
        Splits.TrainTestSplit c = Splits.trainTestSplit(x, y, 0.2, 12);
        assertEquals(a.xTrain(), b.xTrain());
        assertEquals(a.yTest(), b.yTest());
        assertNotEquals(a.yTest(), c.yTest());
    }

    @Test
    void trainTestSplit_leavesInputsUnchanged() {
        INDArray x = indexed(10, 2);
        INDArray before = x.dup();
        Splits.trainTestSplit(x, indexed(10), 0.5, 1);
        assertEquals(before, x);
    }

    @Test
    void trainTestSplit_mismatchedRows_throwsWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainTestSplit(indexed(10, 2), indexed(9), 0.2, 1));
        assertTrue(e.getMessage().contains("[10, 2]") && e.getMessage().contains("[9]"), e.getMessage());
    }

    @Test
    void trainTestSplit_testSizeOutsideOpenUnitInterval_throws() {
        for (double bad : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Splits.trainTestSplit(indexed(10, 2), indexed(10), bad, 1));
            assertTrue(e.getMessage().contains("testSize"), e.getMessage());
        }
    }

    @Test
    void trainTestSplit_noTrainingRowsLeft_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainTestSplit(indexed(2, 2), indexed(2), 0.9, 1));
        assertTrue(e.getMessage().contains("no training rows"), e.getMessage());
    }

    @Test
    void trainTestSplit_nullOrScalar_throws() {
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTestSplit(null, indexed(2), 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTestSplit(indexed(2), Nd4j.scalar(1f), 0.5, 1));
    }
}
