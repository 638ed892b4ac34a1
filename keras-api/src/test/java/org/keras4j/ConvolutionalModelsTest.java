package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.pooling.GlobalAveragePooling1D;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.regularization.SpatialDropout2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Reshape;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Whole convolutional models: Keras's summaries, DL4J's parameter counts, training, save and load. */
class ConvolutionalModelsTest {

    /** The course CNN: two 5x5 "same" convolutions with 2x2 max pooling, then Dense(10). */
    private static Sequential courseCnn() {
        return new Sequential(new Input(28, 28, 1),
                new Conv2D(16, 5, "relu").withPadding("same"),
                new MaxPooling2D(),
                new Conv2D(32, 5, "relu").withPadding("same"),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(10, "softmax"));
    }

    @Test
    void courseCnn_summaryAndDl4jNetwork_matchKerasCounts() {
        // Keras: conv 416 (28, 28, 16); pool (14, 14, 16); conv 12,832 (14, 14, 32); pool (7, 7, 32); flatten 1568; dense 15,690
        Sequential model = courseCnn();
        String text = model.summaryText();
        assertTrue(text.contains("(None, 28, 28, 16)") && text.contains("416"), text);
        assertTrue(text.contains("(None, 14, 14, 16)"), text);
        assertTrue(text.contains("(None, 14, 14, 32)") && text.contains("12,832"), text);
        assertTrue(text.contains("(None, 7, 7, 32)"), text);
        assertTrue(text.contains("(None, 1568)") && text.contains("15,690"), text);
        assertTrue(text.contains("Total params: 28,938"), text);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        assertEquals(28_938, model.network().numParams());
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 28, 28, 1);
        INDArray p = model.predict(x);
        assertArrayEquals(new long[] {5, 10}, p.shape());
        assertArrayEquals(Nd4j.ones(DataType.FLOAT, 5).toFloatVector(), p.sum(1).toFloatVector(), 1e-5f);
    }

    @Test
    void courseCnnWithBatchNormalization_matchesKerasCounts() {
        // Keras: conv 416, BN 64 (32 trainable + 32 non-trainable), conv 12,832, BN 128, dense 15,690: 29,130
        Sequential model = new Sequential(new Input(28, 28, 1),
                new Conv2D(16, 5).withPadding("same"), new BatchNormalization(), new Activation("relu"), new MaxPooling2D(),
                new Conv2D(32, 5).withPadding("same"), new BatchNormalization(), new Activation("relu"), new MaxPooling2D(),
                new Flatten(), new Dense(10, "softmax"));
        assertEquals(29_130, model.countParams());
        assertTrue(model.summaryText().contains("Non-trainable params: 96"), model.summaryText());
        model.compile("adam", "sparse_categorical_crossentropy");
        assertEquals(29_130, model.network().numParams());
        assertArrayEquals(new long[] {3, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 3, 28, 28, 1)).shape());
    }

    @Test
    void kerasMnistConvnet_matchesKerasCounts() {
        // keras.io "Simple MNIST convnet": 320, 18,496, Dense 16,010 on 1600 features; 34,826 in all
        Sequential model = new Sequential(new Input(28, 28, 1),
                new Conv2D(32, 3, "relu"), new MaxPooling2D(),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(),
                new Flatten(), new Dropout(0.5), new Dense(10, "softmax"));
        String text = model.summaryText();
        assertTrue(text.contains("(None, 26, 26, 32)") && text.contains("320"), text);
        assertTrue(text.contains("(None, 11, 11, 64)") && text.contains("18,496"), text);
        assertTrue(text.contains("(None, 5, 5, 64)") && text.contains("(None, 1600)") && text.contains("16,010"), text);
        assertEquals(34_826, model.countParams());
        model.compile("adam", "categorical_crossentropy", "accuracy");
        assertEquals(34_826, model.network().numParams());
        assertArrayEquals(new long[] {2, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1)).shape());
    }

    @Test
    void flatMnistVectors_reshapedToImages_feedConv2D() {
        Sequential model = new Sequential(new Input(784), new Reshape(28, 28, 1), new Conv2D(4, 3, "relu"),
                new MaxPooling2D(), new Flatten(), new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        assertEquals(40 + 676 * 10 + 10, model.network().numParams());
        assertArrayEquals(new long[] {3, 10}, model.predict(Nd4j.rand(DataType.FLOAT, 3, 784)).shape());
    }

    /** 8x8 images whose left or right half is brighter, with noise; label 0 = left, 1 = right. */
    private static INDArray[] brightSide(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] pixels = new float[n * 64];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int side = random.nextInt(2);
            labels[i] = side;
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean bright = (c < 4) == (side == 0);
                    pixels[i * 64 + r * 8 + c] = (float) ((bright ? 0.7 : 0.3) + 0.25 * random.nextGaussian());
                }
            }
        }
        return new INDArray[] {Nd4j.createFromArray(pixels).reshape(n, 8, 8, 1), Nd4j.createFromArray(labels)};
    }

    @Test
    void tinyCnn_learnsBrightLeftVersusBrightRight() {
        Keras.setRandomSeed(42);
        INDArray[] train = brightSide(256, 1);
        INDArray[] test = brightSide(200, 2);
        Sequential model = new Sequential(new Input(8, 8, 1),
                new Conv2D(4, 3, "relu").withPadding("same"), new MaxPooling2D(), new SpatialDropout2D(0.1),
                new Flatten(), new Dense(2, "softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.fit(train[0], train[1], FitOptions.defaults().epochs(15).batchSize(32).verbose(0));
        double accuracy = model.evaluate(test[0], test[1]).get("accuracy");
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }

    @Test
    void conv1DModel_learnsWhichHalfOfASequenceIsHigher() {
        Keras.setRandomSeed(3);
        INDArray[] images = brightSide(256, 5);
        // each image row-major as a sequence of 8 steps with 8 features: the bright half is in the features
        INDArray x = images[0].reshape(256, 8, 8);
        Sequential model = new Sequential(new Input(8, 8), new Conv1D(4, 3, "relu").withPadding("causal"),
                new GlobalAveragePooling1D(), new Dense(2, "softmax"));
        model.compile(new Adam(0.02), "sparse_categorical_crossentropy", "accuracy");
        model.fit(x, images[1], FitOptions.defaults().epochs(20).batchSize(32).verbose(0));
        double accuracy = model.evaluate(x, images[1]).get("accuracy");
        assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
    }

    @Test
    void cnn_saveThenLoad_givesSamePredictionsAndKeepsTraining(@TempDir Path dir) {
        Keras.setRandomSeed(9);
        INDArray[] data = brightSide(64, 3);
        Sequential model = new Sequential(new Input(8, 8, 1),
                new Conv2D(3, 3, "relu").withStrides(2).withPadding("same"), new BatchNormalization(),
                new MaxPooling2D(2).withPadding("same"), new Flatten(), new Dense(2, "softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        Path file = dir.resolve("cnn.keras4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals(model.summaryText(), loaded.summaryText());
        assertEquals(model.predict(data[0]), loaded.predict(data[0]));
        FitOptions more = FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0);
        model.fit(data[0], data[1], more);
        loaded.fit(data[0], data[1], more);
        assertTrue(model.network().params().equalsWithEps(loaded.network().params(), 1e-5));
    }

    @Test
    void predict_onImageBatchView_usesEachSampleAsGiven() {
        // a row slice of a bigger array is a view; predictions must equal those of a copy
        Sequential model = courseCnn();
        model.compile("sgd", "sparse_categorical_crossentropy");
        INDArray all = Nd4j.rand(DataType.FLOAT, 6, 28, 28, 1);
        INDArray view = all.get(NDArrayIndex.interval(2, 5));
        assertEquals(model.predict(view.dup()), model.predict(view));
    }
}
