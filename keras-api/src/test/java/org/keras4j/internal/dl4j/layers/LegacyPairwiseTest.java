package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LegacyPairwiseTest {

    @Test
    void mulAndAdd_equalNd4jsOperations_onContiguousColumnMajorViews() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            INDArray whole = Nd4j.randn(type, 'f', 6, 12);
            INDArray x = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8));
            INDArray y = Nd4j.randn(type, 'f', 6, 4);
            INDArray z = Nd4j.create(type, new long[] {6, 4}, 'f');
            LegacyPairwise.mul(x, y, z);
            assertEquals(x.mul(y), z, type + " mul");
            LegacyPairwise.add(x, y, z);
            assertEquals(x.add(y), z, type + " add");
            LegacyPairwise.sub(x, y, z);
            assertEquals(x.sub(y), z, type + " sub");
            INDArray before = whole.dup();
            LegacyPairwise.mul(x, y, x);
            assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8)).mul(y), x, type + " in place");
            assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)),
                    whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)), type + " rest of the array untouched");
        }
    }
}
