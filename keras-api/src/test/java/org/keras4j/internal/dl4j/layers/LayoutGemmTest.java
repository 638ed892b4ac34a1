package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LayoutGemmTest {

    private static INDArray random(char order, long rows, long cols) {
        return Nd4j.rand(DataType.FLOAT, rows, cols).dup(order);
    }

    @Test
    void everyLayoutAndTransposition_equalsNd4jsProduct() {
        LayoutGemm gemm = new LayoutGemm(DataType.FLOAT);
        Nd4j.getRandom().setSeed(2);
        for (char oa : new char[] {'c', 'f'}) {
            for (char ob : new char[] {'c', 'f'}) {
                for (char oc : new char[] {'c', 'f'}) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        INDArray a = ta ? random(oa, 7, 5) : random(oa, 5, 7);
                        INDArray b = tb ? random(ob, 3, 7) : random(ob, 7, 3);
                        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {5, 3}, oc);
                        gemm.multiply(a, ta, b, tb, c);
                        INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b);
                        assertTrue(expected.equalsWithEps(c, 1e-5), oa + "" + ob + oc + " " + ta + " " + tb);
                    }
                }
            }
        }
    }

    @Test
    void viewsWithGapsAndSingleColumns_multiplyInPlace() {
        LayoutGemm gemm = new LayoutGemm(DataType.FLOAT);
        INDArray wide = Nd4j.rand(DataType.FLOAT, 6, 11);
        INDArray a = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 9));   // row-major, gaps between rows
        INDArray b = Nd4j.rand(DataType.FLOAT, 7, 1);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 6, 4);
        INDArray c = out.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
        assertTrue(gemm.accepts(a) && gemm.accepts(b) && gemm.accepts(c));
        gemm.multiply(a, false, b, false, c);
        assertTrue(a.mmul(b).equalsWithEps(out.getColumn(1).reshape(6, 1), 1e-5));
        assertTrue(out.getColumn(0).sumNumber().doubleValue() == 0 && out.getColumn(2).sumNumber().doubleValue() == 0);
    }

    @Test
    void accepts_onlyUnitStrideMatricesOfItsType() {
        LayoutGemm gemm = new LayoutGemm(DataType.FLOAT);
        assertFalse(gemm.accepts(Nd4j.rand(DataType.DOUBLE, 3, 3)));
        assertFalse(gemm.accepts(Nd4j.rand(DataType.FLOAT, 2, 3, 3)));
        assertFalse(gemm.accepts(Nd4j.rand(DataType.FLOAT, 6, 6).get(NDArrayIndex.interval(0, 2, 6), NDArrayIndex.interval(0, 2, 6))));
        assertFalse(gemm.accepts(null));
    }
}
