package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Wrong sparse labels stop {@code fit} before any step trains on them. */
class FitLabelChecksTest {

    private static Sequential classifier(String... metrics) {
        Keras.setRandomSeed(5);
        Sequential model = new Sequential(new Input(2), new Dense(4, "relu"), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", metrics);
        return model;
    }

    /** Eight samples, classes 0..2; sample 6 gets {@code bad}. */
    private static INDArray labels(float bad) {
        INDArray y = Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f);
        y.putScalar(6, bad);
        return y;
    }

    @Test
    void fit_fractionalClassIndex_withAccuracy_failsBeforeAnyWeightUpdate() {
        Sequential model = classifier("accuracy");
        float[] before = model.network().params().toFloatVector();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, labels(0.5f), FitOptions.defaults().batchSize(2).verbose(0)));
        assertEquals("Invalid class index in y: 0.5 at sample 6; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 2 (layer Dense 'dense_1' has 3 units)", e.getMessage());
        assertArrayEquals(before, model.network().params().toFloatVector(), "weights must be bit-identical");
        assertEquals(0, model.network().iterationCount());
    }

    @Test
    void fit_fractionalClassIndex_withoutMetric_doesNotTrainSilently() {
        Sequential model = classifier();
        float[] before = model.network().params().toFloatVector();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, labels(1.7f), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().startsWith("Invalid class index in y: 1.7 at sample 6; "), e.getMessage());
        assertArrayEquals(before, model.network().params().toFloatVector(), "weights must be bit-identical");
    }

    @Test
    void fit_badValidationLabel_failsBeforeTheFirstEpoch() {
        Sequential model = classifier("accuracy");
        float[] before = model.network().params().toFloatVector();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2);
        // validationSplit 0.25 holds out samples 6 and 7: the bad index is checked with the rest, before training
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, labels(3f), FitOptions.defaults().validationSplit(0.25).verbose(0)));
        assertTrue(e.getMessage().startsWith("Invalid class index in y: 3 at sample 6; "), e.getMessage());
        assertArrayEquals(before, model.network().params().toFloatVector(), "weights must be bit-identical");
    }

    @Test
    void fit_iterator_badLabelInLaterBatch_failsBeforeThatBatchsStep_namingTheSampleInTheDataSet() {
        Sequential model = classifier("accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2);
        // batches of 4: the bad sample 6 is the third of the second batch
        ViewIterator data = new ViewIterator(new DataSet(x, labels(0.5f).reshape(8, 1)), 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(data, FitOptions.defaults().verbose(0)));
        assertEquals("Invalid class index in data labels: 0.5 at sample 6; sparse_categorical_crossentropy expects an integer "
                + "from 0 to 2 (layer Dense 'dense_1' has 3 units)", e.getMessage());
        assertEquals(1, model.network().iterationCount(), "only the first, valid batch may have trained");
    }
}
