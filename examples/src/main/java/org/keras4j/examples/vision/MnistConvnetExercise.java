package org.keras4j.examples.vision;

import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.Mnist;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;

/**
 * Keras's "simple MNIST convnet": Conv2D 32 3x3 ReLU, MaxPool 2, Conv2D 64 3x3 ReLU, MaxPool 2,
 * Flatten, Dropout 0.5, Dense 10 softmax; Adam, batch 128, {@value #EPOCHS} epochs.
 *
 * <pre>{@code
 * ./keras4j run mnist-convnet --data ../shared/data
 * }</pre>
 */
public final class MnistConvnetExercise implements Exercise {
    public static final int EPOCHS = 4;

    @Override
    public String name() {
        return "mnist-convnet";
    }

    @Override
    public String title() {
        return "MNIST simple convnet (32 and 64 3x3 filters, dropout 0.5) (full data)";
    }

    /** The model of Keras's example, parameter for parameter (34,826). */
    public static Sequential model() {
        Sequential model = new Sequential(
                new Input(28, 28, 1),
                new Conv2D(32, 3, "relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dropout(0.5),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** Test accuracy from a fixed seed. */
    public static double testAccuracy(TrainTest<ImageData> data, ExerciseContext ctx) {
        Keras.setRandomSeed(0);
        return ImageClassifier.trainAndTest(model(), data, EPOCHS, 128, ctx);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<ImageData> data = ImageClassifier.load(ctx, Mnist::load, Mnist::load);
        double acc = testAccuracy(data, ctx);
        return ExerciseResult.of("test accuracy", acc).withPassed(acc >= 0.985);
    }
}
