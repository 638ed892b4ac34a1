package org.keras4j.models.zoo;

import java.util.List;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.Dropout;

/**
 * The toy ResNet of Keras's functional API guide ("A toy ResNet model"), uncompiled: {@code Conv2D(32, 3, relu)},
 * {@code Conv2D(64, 3, relu)}, {@code MaxPooling2D(3)}; two blocks of two {@code Conv2D(64, 3, relu, same)} added to
 * their input; {@code Conv2D(64, 3, relu)}, {@code GlobalAveragePooling2D}, {@code Dense(256, relu)},
 * {@code Dropout(0.5)}, {@code Dense(classes)} (logits: compile with
 * {@code new SparseCategoricalCrossentropy(true)}, as the guide's {@code from_logits=True}). On the guide's
 * 32 x 32 x 3 images it has the guide's 223,242 parameters; without the dropout on 28 x 28 x 1 it is KotlinDL's
 * Fashion-MNIST ToyResNet ({@code toyresnet_fmnist}, 222,666 parameters).
 *
 * <pre>{@code
 * Functional model = ToyResNet.build();
 * // the guide's code:
 * //   inputs = keras.Input(shape=(32, 32, 3), name="img")
 * //   x = layers.Conv2D(32, 3, activation="relu")(inputs)
 * //   x = layers.Conv2D(64, 3, activation="relu")(x)
 * //   block_1_output = layers.MaxPooling2D(3)(x)
 * //   x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
 * //   x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
 * //   block_2_output = layers.add([x, block_1_output])      ... block_3 likewise
 * //   x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
 * //   x = layers.GlobalAveragePooling2D()(x); x = layers.Dense(256, activation="relu")(x)
 * //   x = layers.Dropout(0.5)(x); outputs = layers.Dense(10)(x)
 * model.compile(new Adam(), new SparseCategoricalCrossentropy(true), List.of(new SparseCategoricalAccuracy()));
 * }</pre>
 */
public final class ToyResNet {
    /** The guide's dropout rate. */
    public static final double DROPOUT = 0.5;

    private ToyResNet() {
    }

    /** The guide's model: 32 x 32 x 3 images (CIFAR-10), 10 classes, dropout 0.5. */
    public static Functional build() {
        return build(Shape.of(32, 32, 3), 10, DROPOUT);
    }

    /**
     * The guide's model on images of {@code inputShape}; the input is named {@code "img"}.
     *
     * @param dropout the rate of the Dropout before the classifier; 0 leaves the layer out (KotlinDL's variant)
     * @throws IllegalArgumentException if the shape is not three positive dimensions or is smaller than 13 x 13, if
     *                                  {@code classes} is not positive, or {@code dropout} is outside {@code [0, 1)}
     */
    public static Functional build(Shape inputShape, int classes, double dropout) {
        Shapes.requireImage(inputShape, "inputShape");
        CourseMlp.requirePositive(classes, "classes");
        if (inputShape.get(0) < 13 || inputShape.get(1) < 13) {
            throw new IllegalArgumentException("inputShape must be at least 13 x 13 (two valid 3x3 convolutions, a"
                    + " 3x3 pooling and a third valid convolution), got " + java.util.Arrays.toString(inputShape.dims()));
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        KerasTensor inputs = Keras.input("img", inputShape.dims());
        KerasTensor x = new Conv2D(32, 3, "relu").apply(inputs);
        x = new Conv2D(64, 3, "relu").apply(x);
        KerasTensor block = new MaxPooling2D(3).apply(x);
        for (int i = 0; i < 2; i++) {
            x = new Conv2D(64, 3, "relu").withPadding("same").apply(block);
            x = new Conv2D(64, 3, "relu").withPadding("same").apply(x);
            block = new Add().apply(x, block);
        }
        x = new Conv2D(64, 3, "relu").apply(block);
        x = new GlobalAveragePooling2D().apply(x);
        x = new Dense(256, "relu").apply(x);
        if (dropout > 0) {
            x = new Dropout(dropout).apply(x);
        }
        KerasTensor outputs = new Dense(classes).apply(x);
        return new Functional("toy_resnet", List.of(inputs), List.of(outputs));
    }
}
