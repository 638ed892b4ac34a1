package org.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.keras4j.losses.LossTestSupport.rows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The base class: reduction, sample weights, argument checks, equality. */
class LossTest {
    @Test
    void compute_isMeanOverSamples() {
        // per-sample MSE [1, 4]
        assertEquals(2.5, new MeanSquaredError().compute(rows(new double[] {0}, new double[] {0}),
                rows(new double[] {1}, new double[] {2})), 1e-12);
    }

    @Test
    void compute_weightsEachSampleAndDividesBySampleCount() {
        // Keras's sum_over_batch_size: (0.5 * 1 + 2 * 4) / 2
        assertEquals(4.25, new MeanSquaredError().compute(rows(new double[] {0}, new double[] {0}),
                rows(new double[] {1}, new double[] {2}), Nd4j.createFromArray(0.5, 2.0)), 1e-12);
    }

    @Test
    void compute_acceptsFloatInputs() {
        assertEquals(2.5, new MeanSquaredError().compute(rows(new double[] {0}, new double[] {0}).castTo(DataType.FLOAT),
                rows(new double[] {1}, new double[] {2}).castTo(DataType.FLOAT)), 1e-6);
    }

    @Test
    void compute_wrongSampleWeightLength_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(rows(new double[] {0}, new double[] {0}),
                        rows(new double[] {1}, new double[] {2}), Nd4j.createFromArray(1.0, 2.0, 3.0)));
        assertEquals("sampleWeight must have one weight per sample: expected 2 values, got shape [3]", e.getMessage());
    }

    @Test
    void call_shapeMismatch_throwsNamingBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanAbsoluteError().call(rows(new double[] {0, 1}), rows(new double[] {0, 1, 2})));
        assertEquals("yTrue and yPred must have the same shape: yTrue has [1, 2], yPred has [1, 3]", e.getMessage());
    }

    @Test
    void equals_comparesClassAndConfig() {
        assertEquals(new CategoricalCrossentropy(true, 0.1), new CategoricalCrossentropy(true, 0.1));
        assertEquals(new CategoricalCrossentropy(true, 0.1).hashCode(), new CategoricalCrossentropy(true, 0.1).hashCode());
        assertNotEquals(new CategoricalCrossentropy(true, 0.1), new CategoricalCrossentropy(false, 0.1));
        assertNotEquals(new Hinge(), new SquaredHinge());
    }

    @Test
    void getConfig_holdsFromLogitsAndArguments() {
        assertEquals("binary_crossentropy{from_logits=true, label_smoothing=0.2}",
                new BinaryCrossentropy(true, 0.2).toString());
    }
}
