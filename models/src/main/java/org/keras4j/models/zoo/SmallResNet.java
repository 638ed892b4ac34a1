package org.keras4j.models.zoo;

import java.util.List;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;

/**
 * A small ResNet for 28 x 28 images (MNIST, Fashion-MNIST), uncompiled: a stem {@code Conv2D(32, 3x3, same)} +
 * BatchNormalization + ReLU + {@code MaxPooling2D(2)} (to 14 x 14), then two residual blocks, each {@code Conv2D 3x3
 * - BN - ReLU - Conv2D 3x3 - BN} added to a shortcut and followed by ReLU: 32 filters with the identity shortcut, then
 * 64 filters halving the image with stride 2, whose shortcut is a stride-2 {@code Conv2D 1x1 + BN}; {@code Flatten},
 * {@code Dropout(0.3)}, {@code Dense(classes, softmax)}. 108,874 parameters on 28 x 28 x 1 with 10 classes (576 of
 * them moving statistics). Convolutions pad {@code "same"} (Keras's convention) and keep their biases.
 *
 * <pre>{@code
 * Functional model = SmallResNet.build();
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * // the blocks, written with the functional API:
 * //   y = BN(Conv2D(f, 3, same, strides=s)(x)); y = ReLU(y); y = BN(Conv2D(f, 3, same)(y))
 * //   shortcut = x if s == 1 and channels == f else BN(Conv2D(f, 1, strides=s)(x))
 * //   x = ReLU(Add()([y, shortcut]))
 * }</pre>
 */
public final class SmallResNet {
    /** Filters of the stem. */
    public static final int STEM_FILTERS = 32;
    /** Filters of each residual block; a block that changes them halves the image. */
    public static final List<Integer> BLOCK_FILTERS = List.of(32, 64);
    /** The dropout rate before the classifier. */
    public static final double DROPOUT = 0.3;

    private SmallResNet() {
    }

    /** On 28 x 28 x 1 images, 10 classes. */
    public static Functional build() {
        return build(Shape.of(28, 28, 1), 10);
    }

    /**
     * On images of {@code inputShape}, {@code classes} classes; the input is named {@code "image"}.
     *
     * @throws IllegalArgumentException if the shape is not three positive dimensions, is smaller than 4 x 4, or
     *                                  {@code classes} is not positive
     */
    public static Functional build(Shape inputShape, int classes) {
        Shapes.requireImage(inputShape, "inputShape");
        CourseMlp.requirePositive(classes, "classes");
        if (inputShape.get(0) < 4 || inputShape.get(1) < 4) {
            throw new IllegalArgumentException("inputShape must be at least 4 x 4 (the stem pools by 2, the second"
                    + " block strides by 2), got " + java.util.Arrays.toString(inputShape.dims()));
        }
        KerasTensor inputs = Keras.input("image", inputShape.dims());
        KerasTensor x = convBn(inputs, STEM_FILTERS, 3, 1);
        x = new Activation("relu").apply(x);
        x = new MaxPooling2D(2).apply(x);
        long channels = STEM_FILTERS;
        for (int filters : BLOCK_FILTERS) {
            x = residualBlock(x, filters, filters == channels ? 1 : 2);
            channels = filters;
        }
        x = new Flatten().apply(x);
        x = new Dropout(DROPOUT).apply(x);
        KerasTensor outputs = new Dense(classes, "softmax").apply(x);
        return new Functional("small_resnet", List.of(inputs), List.of(outputs));
    }

    /**
     * Conv-BN-ReLU-Conv-BN plus the shortcut, then ReLU. The shortcut is the input itself when the shape stays, else a
     * strided 1x1 convolution (with BN) that matches filters and size.
     */
    static KerasTensor residualBlock(KerasTensor x, int filters, int stride) {
        KerasTensor y = convBn(x, filters, 3, stride);
        y = new Activation("relu").apply(y);
        y = convBn(y, filters, 3, 1);
        boolean sameShape = stride == 1 && x.shape().last() == filters;
        KerasTensor shortcut = sameShape ? x : convBn(x, filters, 1, stride);
        return new Activation("relu").apply(new Add().apply(y, shortcut));
    }

    /** A same-padded convolution without activation, batch-normalized. */
    private static KerasTensor convBn(KerasTensor x, int filters, int kernel, int stride) {
        KerasTensor y = new Conv2D(filters, kernel).withPadding("same").withStrides(stride, stride).apply(x);
        return new BatchNormalization().apply(y);
    }
}
