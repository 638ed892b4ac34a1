package org.keras4j.examples.vision;

import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.models.zoo.CourseCnn;

/**
 * The course CNN on Fashion-MNIST: Conv2D 16 5x5 same + ReLU, MaxPool 2, Conv2D 32 5x5 same +
 * ReLU, MaxPool 2, Flatten, Dense 10 softmax; and the variant with BatchNormalization after each
 * convolution. Adam, batch 32 (Keras's default), {@value #EPOCHS} epochs.
 *
 * <pre>{@code
 * ./keras4j run fashion-cnn --data ../shared/data
 * }</pre>
 */
public final class CourseCnnExercise implements Exercise {
    public static final int EPOCHS = 6;
    private final boolean batchNorm;

    public CourseCnnExercise(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    @Override
    public String name() {
        return batchNorm ? "fashion-cnn-bn" : "fashion-cnn";
    }

    @Override
    public String title() {
        return "Fashion-MNIST course CNN (16 and 32 5x5 filters)" + (batchNorm ? " with BatchNormalization" : "")
                + " (full data)";
    }

    /** The course CNN ({@link CourseCnn#build}), optionally with batch normalization before each ReLU, compiled. */
    public static Sequential model(boolean batchNorm) {
        Sequential model = CourseCnn.build(batchNorm);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** Test accuracy from a fixed seed. */
    public static double testAccuracy(boolean batchNorm, TrainTest<ImageData> data, ExerciseContext ctx) {
        Keras.setRandomSeed(0);
        return ImageClassifier.trainAndTest(model(batchNorm), data, EPOCHS, 32, ctx);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<ImageData> data = ImageClassifier.load(ctx, FashionMnist::load, FashionMnist::load);
        double acc = testAccuracy(batchNorm, data, ctx);
        return ExerciseResult.of("test accuracy", acc).withPassed(acc >= 0.90);
    }
}
