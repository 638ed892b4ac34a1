package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class FeatureCacheTest {
    private static final int N = 48;

    private static INDArray images() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, N, 8, 8, 1);
    }

    private static INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, N, 3);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, (i * 7) % 3, 1f);
        }
        return y;
    }

    /** A small trained CNN base (BatchNormalization with moving statistics of its own), frozen. */
    private static Sequential frozenBase() {
        Keras.setRandomSeed(3);
        Sequential base = new Sequential(new Input(8, 8, 1), new Conv2D(4, 3, "relu"), new BatchNormalization(),
                new MaxPooling2D(2), new Flatten(), new Dense(6, "relu"));
        base.compile("adam", "mse");
        base.fit(images(), Nd4j.rand(DataType.FLOAT, N, 6), FitOptions.defaults().epochs(2).verbose(0));
        base.setTrainable(false);
        return base;
    }


    @Test
    void cachedFeatures_trainTheHeadAsRunningTheFrozenBaseEveryBatch() {
        Sequential base = frozenBase();
        FeatureCache cache = FeatureCache.of(base);
        List<INDArray> baseBefore = base.getWeights();
        INDArray x = images();
        INDArray y = oneHot();

        Sequential stackedHead = cache.head(new Dense(3, "softmax"));
        Functional stacked = cache.stack(stackedHead);
        stacked.compile("adam", "categorical_crossentropy", "accuracy");
        Sequential cachedHead = cache.head(new Dense(3, "softmax"));
        cachedHead.compile("adam", "categorical_crossentropy", "accuracy");
        cachedHead.getLayer(0).setWeights(stackedHead.getLayer(0).getWeights());   // the same start
        FitOptions options = FitOptions.defaults().epochs(4).batchSize(8).verbose(0);

        Keras.setRandomSeed(5);
        History everyBatch = stacked.fit(x, y, options);
        Keras.setRandomSeed(5);
        History cached = cachedHead.fit(cache.features(x), y, options);

        List<Double> a = everyBatch.get("loss");
        List<Double> b = cached.get("loss");
        assertEquals(4, a.size());
        for (int e = 0; e < a.size(); e++) {
            assertEquals(a.get(e), b.get(e), 1e-5, "epoch " + e + " loss");
        }
        assertTrue(a.get(3) < a.get(0), "the head learns: " + a);
        List<INDArray> wa = stackedHead.getLayer(0).getWeights();
        List<INDArray> wb = cachedHead.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertTrue(wa.get(i).equalsWithEps(wb.get(i), 1e-5), "head weight " + i + ": " + wa.get(i) + " vs "
                    + wb.get(i));
        }
        List<INDArray> baseAfter = base.getWeights();
        for (int i = 0; i < baseBefore.size(); i++) {
            assertEquals(baseBefore.get(i), baseAfter.get(i), "frozen base weight " + i + " is bit-identical");
        }
        assertEquals("dense_1", stackedHead.getLayer(0).name(), "the base has a 'dense'");
        // the stacked model predicts with the head the cache trained, too: both heads ended equal
        assertTrue(stacked.predict(x).equalsWithEps(cachedHead.predict(cache.features(x)), 1e-5));
    }

    @Test
    void featuresOfAnIterator_stackEveryBatchInOrderWithItsLabels() {
        Sequential base = frozenBase();
        FeatureCache cache = FeatureCache.of(base);
        INDArray x = images();
        DataSetIterator batches = new TestDataSetIterator(new DataSet(x, oneHot()), 10);
        batches.next(); // a used iterator is read from its start

        DataSet features = cache.features(batches);

        assertArrayEquals(new long[] {N, 6}, features.getFeatures().shape());
        assertTrue(features.getFeatures().equalsWithEps(base.predict(x), 1e-6));
        assertEquals(oneHot(), features.getLabels());
        assertEquals(org.keras4j.Shape.of(6), cache.outputShape());
    }

    @Test
    void trainableBase_orMismatchedHead_failsNamingTheFix() {
        Sequential base = new Sequential("cnn", new Input(8, 8, 1), new Conv2D(2, 3), new Flatten());
        IllegalArgumentException trainable = assertThrows(IllegalArgumentException.class,
                () -> FeatureCache.of(base));
        assertTrue(trainable.getMessage().contains("trainable layer 'conv2d'")
                && trainable.getMessage().contains("base.setTrainable(false)"), trainable.getMessage());

        base.setTrainable(false);
        FeatureCache cache = FeatureCache.of(base);   // builds the base without weights to predict
        assertTrue(base.isBuilt());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class,
                () -> cache.stack(new Sequential(new Input(6), new Dense(3))));
        assertTrue(head.getMessage().contains("takes input (None, 6)") && head.getMessage().contains("outputs (None, 72)"),
                head.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> cache.stack(new Sequential(new Input(72), new Dense(3).withName("conv2d"))));
        assertTrue(clash.getMessage().contains("a layer named 'conv2d', as base 'cnn' has"), clash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cache.features(new SingletonDataSetIterator(null) {
            @Override
            public boolean hasNext() {
                return false;
            }
        }));
    }
}
