package org.keras4j.examples.vision;

import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.reshaping.Flatten;

/**
 * Fashion-MNIST with a multi-layer perceptron: Flatten, Dense 128 ReLU, Dense 10 softmax, Adam,
 * sparse categorical cross-entropy; test accuracy after {@value #EPOCHS} epochs.
 *
 * <pre>{@code
 * ./keras4j run fashion-mlp --data ../shared/data
 * }</pre>
 */
public final class FashionMnistMlpExercise implements Exercise {
    public static final int EPOCHS = 10;

    @Override
    public String name() {
        return "fashion-mlp";
    }

    @Override
    public String title() {
        return "Fashion-MNIST MLP: Flatten, Dense 128 relu, Dense 10 softmax (full data)";
    }

    /** The model, as the course writes it in Keras. */
    public static Sequential model() {
        Sequential model = new Sequential(
                new Input(28, 28, 1),
                new Flatten(),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** Test accuracy from a fixed seed. */
    public static double testAccuracy(TrainTest<ImageData> data, ExerciseContext ctx) {
        Keras.setRandomSeed(0);
        return ImageClassifier.trainAndTest(model(), data, EPOCHS, 32, ctx);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<ImageData> data = ImageClassifier.load(ctx, FashionMnist::load, FashionMnist::load);
        double acc = testAccuracy(data, ctx);
        return ExerciseResult.of("test accuracy", acc).withPassed(acc >= 0.87);
    }
}
