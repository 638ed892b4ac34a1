package org.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Precision, recall and AUC against values worked out by hand (Keras's docstring examples). */
class ConfusionMetricsTest {
    private static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    @Test
    void precision_matchesKerasDocstringExample() {
        Precision precision = new Precision();
        // predicted positive: samples 0, 2, 3; of those 2 and 3 are positive
        precision.update(column(0, 1, 1, 1), column(1, 0, 1, 1));
        assertEquals(2.0 / 3, precision.result(), 1e-12);
    }

    @Test
    void precision_accumulatesOverBatchesAndResets() {
        Precision precision = new Precision();
        precision.update(column(0, 1), column(0.7, 0.9));
        precision.update(column(1, 1), column(0.6, 0.2));
        // tp = 2 (0.9, 0.6), fp = 1 (0.7)
        assertEquals(2.0 / 3, precision.result(), 1e-12);
        precision.reset();
        assertEquals(0.0, precision.result(), 0);
    }

    @Test
    void precision_isStrictlyAboveThreshold() {
        Precision precision = new Precision("p", 0.5);
        precision.update(column(0, 1), column(0.5, 0.51));
        assertEquals(1.0, precision.result(), 1e-12);
    }

    @Test
    void recall_matchesKerasDocstringExample() {
        Recall recall = new Recall();
        // positives: samples 1, 2, 3; found: 2 and 3
        recall.update(column(0, 1, 1, 1), column(1, 0, 1, 1));
        assertEquals(2.0 / 3, recall.result(), 1e-12);
    }

    @Test
    void recall_multiLabelCountsEveryOutput() {
        Recall recall = new Recall();
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 1, 1}});
        INDArray probs = Nd4j.createFromArray(new double[][] {{0.8, 0.9, 0.2}, {0.1, 0.7, 0.6}});
        // 4 positive labels, 3 found
        recall.update(labels, probs);
        assertEquals(0.75, recall.result(), 1e-12);
    }

    @Test
    void recall_thresholdOutOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Recall("r", 1.5));
        assertEquals("threshold must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void auc_matchesKerasDocstringExampleWithThreeThresholds() {
        // thresholds [-1e-7, 0.5, 1 + 1e-7]: tpr [1, 0.5, 0], fpr [1, 0, 0];
        // area = (1 - 0) * (1 + 0.5) / 2 + (0 - 0) * (0.5 + 0) / 2 = 0.75
        AUC auc = new AUC("auc", 3);
        auc.update(column(0, 0, 1, 1), column(0, 0.5, 0.3, 0.9));
        assertEquals(0.75, auc.result(), 1e-12);
    }

    @Test
    void auc_defaultThresholdsGiveExactAreaForWellSeparatedScores() {
        // pairs (positive > negative): 0.35 > 0.1, 0.8 > 0.1, 0.8 > 0.4; 0.35 < 0.4 -> 3 of 4
        AUC auc = new AUC();
        assertEquals(200, auc.numThresholds());
        auc.update(column(0, 0, 1, 1), column(0.1, 0.4, 0.35, 0.8));
        assertEquals(0.75, auc.result(), 1e-12);
    }

    @Test
    void auc_tiedScoresCountHalf() {
        AUC auc = new AUC();
        auc.update(column(0, 1), column(0.5, 0.5));
        assertEquals(0.5, auc.result(), 1e-12);
    }

    @Test
    void auc_accumulatesOverBatchesAndResets() {
        AUC auc = new AUC();
        auc.update(column(0, 0), column(0.1, 0.4));
        auc.update(column(1, 1), column(0.35, 0.8));
        assertEquals(0.75, auc.result(), 1e-12);
        auc.reset();
        assertEquals(0.0, auc.result(), 0);
    }

    @Test
    void auc_clipsPredictionsOutsideUnitInterval() {
        AUC auc = new AUC();
        auc.update(column(0, 1), column(-3, 7));
        assertEquals(1.0, auc.result(), 1e-12);
    }
}
