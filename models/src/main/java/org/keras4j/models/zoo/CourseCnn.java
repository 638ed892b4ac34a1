package org.keras4j.models.zoo;

import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;

/**
 * The course CNN, uncompiled: {@code Conv2D(16, 5x5, same)}, ReLU, {@code MaxPooling2D(2)}, {@code Conv2D(32, 5x5,
 * same)}, ReLU, {@code MaxPooling2D(2)}, {@code Flatten}, {@code Dense(classes, softmax)}; with batch normalization, a
 * {@code BatchNormalization} between each convolution and its ReLU. On 28 x 28 x 1 images with 10 classes it has
 * 28,938 parameters (29,130 with batch normalization, 96 of them non-trainable moving statistics).
 *
 * <pre>{@code
 * Sequential model = CourseCnn.build(true);
 * // the same as
 * Sequential same = new Sequential(new Input(28, 28, 1),
 *         new Conv2D(16, 5).withPadding("same"), new BatchNormalization(), new Activation("relu"), new MaxPooling2D(2),
 *         new Conv2D(32, 5).withPadding("same"), new BatchNormalization(), new Activation("relu"), new MaxPooling2D(2),
 *         new Flatten(), new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class CourseCnn {
    /** The filters of the two convolutions. */
    public static final int[] FILTERS = {16, 32};
    /** Their kernel size. */
    public static final int KERNEL_SIZE = 5;

    private CourseCnn() {
    }

    /** On 28 x 28 grayscale images (MNIST, Fashion-MNIST), 10 classes. */
    public static Sequential build(boolean batchNorm) {
        return build(Shape.of(28, 28, 1), 10, batchNorm);
    }

    /**
     * On images of {@code inputShape} {@code (height, width, channels)}.
     *
     * @throws IllegalArgumentException if the shape is not three positive dimensions or {@code classes} is not
     *                                  positive
     */
    public static Sequential build(Shape inputShape, int classes, boolean batchNorm) {
        Shapes.requireImage(inputShape, "inputShape");
        CourseMlp.requirePositive(classes, "classes");
        Sequential model = new Sequential(new Input(inputShape));
        for (int filters : FILTERS) {
            model.add(new Conv2D(filters, KERNEL_SIZE).withPadding("same"));
            if (batchNorm) {
                model.add(new BatchNormalization());
            }
            model.add(new Activation("relu"));
            model.add(new MaxPooling2D(2));
        }
        model.add(new Flatten());
        model.add(new Dense(classes, "softmax"));
        return model;
    }
}
