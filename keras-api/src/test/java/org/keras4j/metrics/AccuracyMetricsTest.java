package org.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Accuracy metrics against values worked out by hand (mostly Keras's docstring examples). */
class AccuracyMetricsTest {
    private static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    private static final INDArray PROBS = rows(new double[] {0.1, 0.9, 0.8}, new double[] {0.05, 0.95, 0});

    @Test
    void binaryAccuracy_thresholdsAtHalf() {
        BinaryAccuracy acc = new BinaryAccuracy();
        acc.update(rows(new double[] {1}, new double[] {1}, new double[] {0}, new double[] {0}),
                rows(new double[] {0.98}, new double[] {1}, new double[] {0}, new double[] {0.6}));
        assertEquals(0.75, acc.result(), 1e-12);
    }

    @Test
    void binaryAccuracy_customThresholdAndSeveralOutputs() {
        BinaryAccuracy acc = new BinaryAccuracy("acc", 0.7);
        // 0.6 -> 0 (label 1: miss), 0.8 -> 1 (label 1: hit); second sample both hit
        acc.update(rows(new double[] {1, 1}, new double[] {0, 1}), rows(new double[] {0.6, 0.8}, new double[] {0.1, 0.9}));
        assertEquals(0.75, acc.result(), 1e-12);
    }

    @Test
    void binaryAccuracy_accumulatesOverBatchesAndResets() {
        BinaryAccuracy acc = new BinaryAccuracy();
        acc.update(rows(new double[] {1}, new double[] {0}), rows(new double[] {0.9}, new double[] {0.2}));
        acc.update(rows(new double[] {1}), rows(new double[] {0.1}));
        assertEquals(2.0 / 3, acc.result(), 1e-12);
        acc.reset();
        assertEquals(0.0, acc.result(), 0);
        acc.update(rows(new double[] {1}), rows(new double[] {0.1}));
        assertEquals(0.0, acc.result(), 0);
    }

    @Test
    void categoricalAccuracy_comparesArgMax() {
        CategoricalAccuracy acc = new CategoricalAccuracy();
        acc.update(rows(new double[] {0, 0, 1}, new double[] {0, 1, 0}), PROBS);
        assertEquals(0.5, acc.result(), 1e-12);
    }

    @Test
    void categoricalAccuracy_shapeMismatch_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().update(rows(new double[] {2}, new double[] {1}), PROBS));
        assertEquals("yTrue and yPred must have the same shape: yTrue has [2, 1], yPred has [2, 3]", e.getMessage());
    }

    @Test
    void sparseCategoricalAccuracy_comparesIndexWithArgMax() {
        SparseCategoricalAccuracy acc = new SparseCategoricalAccuracy();
        acc.update(rows(new double[] {2}, new double[] {1}), PROBS);
        assertEquals(0.5, acc.result(), 1e-12);
        acc.update(Nd4j.createFromArray(1.0f), rows(new double[] {0.2, 0.7, 0.1}));
        assertEquals(2.0 / 3, acc.result(), 1e-12);
    }

    @Test
    void sparseCategoricalAccuracy_indexOutOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalAccuracy().update(rows(new double[] {3}, new double[] {1}), PROBS));
        assertEquals("yTrue must hold integer class indices in [0, 2], got 3.0 at sample 0", e.getMessage());
    }

    @Test
    void topKCategoricalAccuracy_kOneIsArgMax() {
        TopKCategoricalAccuracy acc = new TopKCategoricalAccuracy("top1", 1);
        acc.update(rows(new double[] {0, 0, 1}, new double[] {0, 1, 0}), PROBS);
        assertEquals(0.5, acc.result(), 1e-12);
    }

    @Test
    void topKCategoricalAccuracy_kTwoCountsSecondBest() {
        TopKCategoricalAccuracy acc = new TopKCategoricalAccuracy("top2", 2);
        // class 2 is second best in row 0; class 0 is second best in row 1 (0.05 > 0)
        acc.update(rows(new double[] {0, 0, 1}, new double[] {1, 0, 0}), PROBS);
        assertEquals(1.0, acc.result(), 1e-12);
        acc.update(rows(new double[] {0, 0, 1}), rows(new double[] {0.5, 0.3, 0.2}));
        assertEquals(2.0 / 3, acc.result(), 1e-12);
    }

    @Test
    void topKCategoricalAccuracy_tiesAtTheBoundaryCountAsIn() {
        TopKCategoricalAccuracy acc = new TopKCategoricalAccuracy("top1", 1);
        acc.update(rows(new double[] {0, 1, 0}), rows(new double[] {0.4, 0.4, 0.2}));
        assertEquals(1.0, acc.result(), 1e-12);
    }

    @Test
    void topKCategoricalAccuracy_defaultKIsFive() {
        TopKCategoricalAccuracy acc = new TopKCategoricalAccuracy();
        assertEquals(5, acc.k());
        acc.update(rows(new double[] {1, 0, 0, 0, 0, 0}), rows(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}));
        assertEquals(0.0, acc.result(), 0);
    }

    @Test
    void sparseTopKCategoricalAccuracy_usesClassIndices() {
        SparseTopKCategoricalAccuracy acc = new SparseTopKCategoricalAccuracy("top1", 1);
        acc.update(rows(new double[] {2}, new double[] {1}), PROBS);
        assertEquals(0.5, acc.result(), 1e-12);
    }

    @Test
    void topK_nonPositiveK_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseTopKCategoricalAccuracy("top", 0));
        assertEquals("k must be >= 1, got 0", e.getMessage());
    }
}
