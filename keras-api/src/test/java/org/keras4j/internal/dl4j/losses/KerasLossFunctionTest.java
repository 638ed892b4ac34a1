package org.keras4j.internal.dl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.keras4j.losses.Huber;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The base of keras4j's DL4J losses: bean properties, masks, equality. */
class KerasLossFunctionTest {
    @Test
    void setter_rebuildsTheFormula() {
        HuberLoss loss = new HuberLoss();
        loss.setDelta(2.5);
        assertEquals(new Huber(2.5), loss.formula());
    }

    @Test
    void setter_invalidValue_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HuberLoss().setDelta(-1));
        assertEquals("delta must be a positive finite number, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropyLoss().setLabelSmoothing(2));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossentropyLoss().setLabelSmoothing(-0.1));
    }

    @Test
    void equals_comparesClassAndArguments() {
        assertEquals(new CategoricalCrossentropyLoss(true, 0.1), new CategoricalCrossentropyLoss(true, 0.1));
        assertNotEquals(new CategoricalCrossentropyLoss(true, 0.1), new CategoricalCrossentropyLoss(true, 0.2));
        assertNotEquals(new HingeLoss(), new SquaredHingeLoss());
    }

    @Test
    void mask_wrongLength_throws() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanAbsoluteErrorLoss().computeScoreArray(z, z, new ActivationIdentity(), Nd4j.ones(3, 1)));
        assertEquals("label mask must hold one weight per example, shape [2, 1], got [3, 1]", e.getMessage());
    }

    @Test
    void computeScore_sumsOrAveragesOverExamples() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 0}});
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 3}, {2, 2}});
        // per example MAE [2, 2]
        assertEquals(4, new MeanAbsoluteErrorLoss().computeScore(labels, z, new ActivationIdentity(), null, false), 1e-12);
        assertEquals(2, new MeanAbsoluteErrorLoss().computeScore(labels, z, new ActivationIdentity(), null, true), 1e-12);
    }
}
