package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SplitTest {

    /** Ten rows; x row i is (i, 100 + i) and y row i is i, so a row's origin can be read back. */
    private static TabularData rows10() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 10, 2);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 10, 1);
        for (int i = 0; i < 10; i++) {
            x.putScalar(i, 0, i);
            x.putScalar(i, 1, 100 + i);
            y.putScalar(i, 0, i);
        }
        return new TabularData(x, y, List.of("id", "id100"), "y");
    }

    @Test
    void indices_sameSeed_sameSplit() {
        TrainTest<int[]> a = Split.indices(100, 0.3, 7);
        TrainTest<int[]> b = Split.indices(100, 0.3, 7);

        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
    }

    @Test
    void indices_differentSeed_differentSplit() {
        assertFalse(Arrays.equals(Split.indices(100, 0.3, 7).test(), Split.indices(100, 0.3, 8).test()));
    }

    @Test
    void indices_areShuffledDisjointAndCoverEveryRow() {
        TrainTest<int[]> split = Split.indices(100, 0.3, 1);

        assertEquals(30, split.test().length);
        assertEquals(70, split.train().length);
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 100).toArray(), all);
        assertFalse(Arrays.equals(IntStream.range(70, 100).toArray(), split.test()), "not shuffled");
    }

    @Test
    void indices_testSizeRoundsUp_asScikitLearn() {
        assertEquals(309, Split.indices(1030, 0.3, 0).test().length);
        assertEquals(1, Split.indices(10, 0.01, 0).test().length);
    }

    @Test
    void trainTest_keepsFeatureAndTargetRowsTogether() {
        TrainTest<TabularData> split = Split.trainTest(rows10(), 0.3, 42);

        assertEquals(7, split.train().numRows());
        assertEquals(3, split.test().numRows());
        for (TabularData part : List.of(split.train(), split.test())) {
            for (int r = 0; r < part.numRows(); r++) {
                float id = part.y().getFloat(r, 0);
                assertEquals(id, part.x().getFloat(r, 0));
                assertEquals(100 + id, part.x().getFloat(r, 1));
            }
            assertEquals(List.of("id", "id100"), part.featureNames());
        }
        int[] expectedTest = Split.indices(10, 0.3, 42).test();
        assertArrayEquals(Arrays.stream(expectedTest).mapToObj(i -> (float) i).toArray(),
                IntStream.range(0, 3).mapToObj(r -> split.test().y().getFloat(r, 0)).toArray());
    }

    @Test
    void trainTest_classification_keepsEveryLabelName() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0}, {1}, {2}, {3}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {2}});
        ClassificationData data = new ClassificationData(x, y, List.of("f"), List.of("a", "b", "c"));

        TrainTest<ClassificationData> split = Split.trainTest(data, 0.25, 3);

        assertEquals(List.of("a", "b", "c"), split.test().labelNames());
        assertArrayEquals(new long[] {1, 3}, split.test().yOneHot().shape());
        assertEquals(3, split.train().numRows());
    }

    @Test
    void indices_testSizeOutsideOpenUnitInterval_throws() {
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Split.indices(10, bad, 0));
            assertTrue(e.getMessage().contains("testSize must be in (0, 1)"), e.getMessage());
        }
    }

    @Test
    void indices_partWouldBeEmpty_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.indices(1, 0.5, 0));

        assertTrue(e.getMessage().contains("both parts need at least one row"), e.getMessage());
    }
}
