package org.keras4j.internal.dl4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The adapter that undoes DL4J's OutputLayer multiplying pre-activations by the label mask. */
class OutputLayerLossTest {
    private static final INDArray Z = Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.1}, {-0.7, 0.45, 1.3},
        {1.6, -0.25, -2.2}});
    private static final INDArray LABELS = Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
    private static final INDArray WEIGHTS = Nd4j.createFromArray(new double[][] {{2.0}, {0.0}, {0.5}});

    @Test
    void score_ofMaskScaledPreOutputEqualsInnerScoreOfTruePreOutput() {
        LossMCXENT inner = new LossMCXENT();
        OutputLayerLoss adapted = new OutputLayerLoss(inner);
        INDArray expected = inner.computeScoreArray(LABELS, Z.dup(), new ActivationSoftmax(), WEIGHTS);
        INDArray actual = adapted.computeScoreArray(LABELS, Z.mulColumnVector(WEIGHTS), new ActivationSoftmax(), WEIGHTS);
        assertArrayEquals(expected.toDoubleVector(), actual.toDoubleVector(), 1e-12);
        assertEquals(inner.computeScore(LABELS, Z.dup(), new ActivationSoftmax(), WEIGHTS, true),
                adapted.computeScore(LABELS, Z.mulColumnVector(WEIGHTS), new ActivationSoftmax(), WEIGHTS, true), 1e-12);
    }

    @Test
    void gradient_ofMaskScaledPreOutputEqualsInnerGradientOfTruePreOutput() {
        HuberLoss inner = new HuberLoss(1.0);
        OutputLayerLoss adapted = new OutputLayerLoss(inner);
        INDArray expected = inner.computeGradient(LABELS, Z.dup(), new ActivationSoftmax(), WEIGHTS);
        INDArray actual = adapted.computeGradient(LABELS, Z.mulColumnVector(WEIGHTS), new ActivationSoftmax(), WEIGHTS);
        assertArrayEquals(expected.reshape(9).toDoubleVector(), actual.reshape(9).toDoubleVector(), 1e-12);
    }

    @Test
    void noMask_delegatesUnchanged() {
        HuberLoss inner = new HuberLoss(1.0);
        assertEquals(inner.computeScore(LABELS, Z.dup(), new ActivationSoftmax(), null, false),
                new OutputLayerLoss(inner).computeScore(LABELS, Z.dup(), new ActivationSoftmax(), null, false), 0);
    }

    @Test
    void maskOfWrongShape_throws() {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OutputLayerLoss(new HuberLoss()).computeScoreArray(LABELS, Z, new ActivationSoftmax(), mask));
        assertEquals("label mask must be per example, shape [3, 1], or per output, shape [3, 3]; got [2, 1]",
                e.getMessage());
    }
}
