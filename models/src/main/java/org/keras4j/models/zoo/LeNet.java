package org.keras4j.models.zoo;

import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.AveragePooling2D;
import org.keras4j.layers.reshaping.Flatten;

/**
 * LeNet-5 (LeCun et al. 1998), uncompiled: C1 {@code Conv2D(6, 5x5)}, S2 {@code AveragePooling2D(2)}, C3
 * {@code Conv2D(16, 5x5)}, S4 {@code AveragePooling2D(2)}, {@code Flatten}, F5 {@code Dense(120)}, F6
 * {@code Dense(84)}, {@code Dense(classes, softmax)}, tanh after every convolution and hidden Dense. C1 pads
 * {@code "same"}: a 28 x 28 image is treated as LeNet's 32 x 32 input with the digit centred in it, so C3 sees
 * 14 x 14 and F5 5 x 5 x 16 = 400 inputs, and the model has LeNet-5's 61,706 parameters.
 *
 * <p>{@link #lenet5BatchNorm} adds a {@code BatchNormalization} between every convolution or hidden Dense and its
 * tanh (their biases stay, as in Keras's usual recipe).
 *
 * <pre>{@code
 * Sequential model = LeNet.lenet5();
 * // the same as
 * Sequential same = new Sequential(new Input(28, 28, 1),
 *         new Conv2D(6, 5, "tanh").withPadding("same"), new AveragePooling2D(2),
 *         new Conv2D(16, 5, "tanh"), new AveragePooling2D(2), new Flatten(),
 *         new Dense(120, "tanh"), new Dense(84, "tanh"), new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class LeNet {
    private LeNet() {
    }

    /** LeNet-5 on 28 x 28 x 1 images, 10 classes. */
    public static Sequential lenet5() {
        return lenet5(Shape.of(28, 28, 1), 10);
    }

    /**
     * LeNet-5 on images of {@code inputShape}.
     *
     * @throws IllegalArgumentException if the shape is not three positive dimensions, is smaller than 12 x 12 (C3 and
     *                                  S4 need it), or {@code classes} is not positive
     */
    public static Sequential lenet5(Shape inputShape, int classes) {
        return build(inputShape, classes, false);
    }

    /** LeNet-5 with batch normalization on 28 x 28 x 1 images, 10 classes. */
    public static Sequential lenet5BatchNorm() {
        return lenet5BatchNorm(Shape.of(28, 28, 1), 10);
    }

    /**
     * LeNet-5 with a {@code BatchNormalization} before each tanh.
     *
     * @throws IllegalArgumentException as {@link #lenet5(Shape, int)}
     */
    public static Sequential lenet5BatchNorm(Shape inputShape, int classes) {
        return build(inputShape, classes, true);
    }

    private static Sequential build(Shape inputShape, int classes, boolean batchNorm) {
        Shapes.requireImage(inputShape, "inputShape");
        CourseMlp.requirePositive(classes, "classes");
        if (inputShape.get(0) < 12 || inputShape.get(1) < 12) {
            throw new IllegalArgumentException("inputShape must be at least 12 x 12 for LeNet-5's second convolution"
                    + " and pooling, got " + java.util.Arrays.toString(inputShape.dims()));
        }
        // without batch normalization the activation is the layer's own, as LeCun's and Keras's usual code
        String activation = batchNorm ? "linear" : "tanh";
        Sequential model = new Sequential(new Input(inputShape));
        model.add(new Conv2D(6, 5, activation).withPadding("same"));
        normalize(model, batchNorm);
        model.add(new AveragePooling2D(2));
        model.add(new Conv2D(16, 5, activation));
        normalize(model, batchNorm);
        model.add(new AveragePooling2D(2));
        model.add(new Flatten());
        for (int units : new int[] {120, 84}) {
            model.add(new Dense(units, activation));
            normalize(model, batchNorm);
        }
        model.add(new Dense(classes, "softmax"));
        return model;
    }

    private static void normalize(Sequential model, boolean batchNorm) {
        if (batchNorm) {
            model.add(new BatchNormalization());
            model.add(new Activation("tanh"));
        }
    }
}
