package org.keras4j.models.zoo;

import java.util.Arrays;
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
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.keras4j.layers.pooling.GlobalMaxPooling2D;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.ZeroPadding2D;

/**
 * ResNet18 and ResNet34 (He et al. 2015) as torchvision builds them, channels-last, with {@code keras.applications}'
 * arguments ({@link ApplicationOptions}).
 *
 * <p>The architecture is torchvision's {@code resnet18} / {@code resnet34}: a stem {@code Conv2D(64, 7x7, stride 2)}
 * on 3 rows and columns of zero padding, BatchNormalization, ReLU, {@code MaxPooling2D(3x3, stride 2)} on one row and
 * column of padding; four stages of BasicBlocks (2, 2, 2, 2 for ResNet18; 3, 4, 6, 3 for ResNet34) with 64, 128, 256
 * and 512 filters. A block is {@code Conv2D 3x3 - BN - ReLU - Conv2D 3x3 - BN}, added to its shortcut, then ReLU; the
 * first block of stages 2-4 halves the image with a stride-2 convolution and its shortcut is a stride-2
 * {@code Conv2D 1x1 + BN}. Convolutions have no bias; BatchNormalization uses torchvision's {@code eps = 1e-5} and
 * momentum ({@code 0.1} there, {@code 0.9} in Keras's convention). Strided convolutions pad explicitly
 * ({@code ZeroPadding2D} then {@code "valid"}) because Keras's {@code "same"} pads only below and right for stride 2,
 * torchvision on every side: a 224 x 224 image becomes 112, 56, 28, 14 and 7 pixels wide as in torchvision. Kernels
 * start from Keras's default {@code glorot_uniform} (torchvision draws He normal).
 *
 * <p>Layers are named as Keras's ResNet50: {@code conv1_conv}, {@code conv1_bn}, {@code pool1_pool},
 * {@code conv2_block1_1_conv}, {@code conv2_block1_1_bn}, …, the shortcut {@code conv3_block1_0_conv} /
 * {@code _0_bn}, {@code conv3_block1_add}, {@code conv3_block1_out}, {@code avg_pool}, {@code predictions}. torchvision's
 * {@code layer2.0.conv1} is {@code conv3_block1_1_conv}, {@code layer2.0.downsample.0} is {@code conv3_block1_0_conv},
 * {@code fc} is {@code predictions} (README: "Pretrained weights").
 *
 * <p>Parameters: with 1000 classes ResNet18 has 11,689,512 trainable parameters and ResNet34 21,797,672, exactly
 * torchvision's {@code sum(p.numel() for p in model.parameters())}. Keras's {@code summary()} also counts each
 * BatchNormalization's moving mean and variance, as non-trainable parameters (torchvision keeps them as buffers, not
 * parameters): 9,600 for ResNet18 (total 11,699,112) and 17,024 for ResNet34 (total 21,814,696).
 *
 * <p>Without {@code weights} the model comes back uncompiled, as from {@code keras.applications}. With a file (a
 * keras4j model or weights file, or torchvision's weights as a {@code .npz}: {@link TorchvisionWeights}) it comes
 * back compiled (keras4j creates weights at {@code compile}) and holding the file's weights; compile it again with
 * your own settings: the weights stay. Keras {@code .h5} / {@code .keras} files are not read yet.
 *
 * <pre>{@code
 * Functional model = ResNet.resnet18(ApplicationOptions.defaults());          // [224, 224, 3] -> [1000]
 * Functional base = ResNet.resnet18(ApplicationOptions.defaults().includeTop(false).pooling("avg"));  // -> [512]
 * // the same as Keras:
 * //   keras.applications-style ResNet18(include_top=False, pooling="avg", input_shape=(224, 224, 3))
 * }</pre>
 */
public final class ResNet {
    /** Keras's ResNets refuse images smaller than this ({@code min_size=32}). */
    public static final int MIN_SIZE = 32;
    /** Keras's and torchvision's default input. */
    public static final Shape DEFAULT_INPUT = Shape.of(224, 224, 3);
    /** torchvision's BatchNorm2d {@code eps}. */
    public static final double BN_EPSILON = 1e-5;
    /** torchvision's BatchNorm2d {@code momentum = 0.1}, as Keras's {@code momentum} (the weight of the old value). */
    public static final double BN_MOMENTUM = 0.9;

    private static final int[] FILTERS = {64, 128, 256, 512};

    private ResNet() {
    }

    /** ResNet18 with Keras's defaults: 224 x 224 x 3 images, 1000-way softmax, random weights. */
    public static Functional resnet18() {
        return resnet18(ApplicationOptions.defaults());
    }

    /**
     * ResNet18: BasicBlocks 2, 2, 2, 2.
     *
     * @throws IllegalArgumentException if the input is smaller than 32 x 32, or the weights file is missing or does
     *                                  not hold this architecture's weights
     */
    public static Functional resnet18(ApplicationOptions options) {
        return build("resnet18", new int[] {2, 2, 2, 2}, options);
    }

    /** ResNet34 with Keras's defaults. */
    public static Functional resnet34() {
        return resnet34(ApplicationOptions.defaults());
    }

    /**
     * ResNet34: BasicBlocks 3, 4, 6, 3.
     *
     * @throws IllegalArgumentException as {@link #resnet18(ApplicationOptions)}
     */
    public static Functional resnet34(ApplicationOptions options) {
        return build("resnet34", new int[] {3, 4, 6, 3}, options);
    }

    private static Functional build(String name, int[] blocks, ApplicationOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null (use ApplicationOptions.defaults())");
        }
        Shape shape = options.inputShape() == null ? DEFAULT_INPUT : options.inputShape();
        if (shape.get(0) < MIN_SIZE || shape.get(1) < MIN_SIZE) {
            throw new IllegalArgumentException(name + ": inputShape must be at least " + MIN_SIZE + " x " + MIN_SIZE
                    + " (as Keras's ResNets), got " + Arrays.toString(shape.dims()));
        }
        KerasTensor input = Keras.input("input_layer", shape.dims());
        KerasTensor x = new ZeroPadding2D(3).withName("conv1_pad").apply(input);
        x = new Conv2D(64, 7).withStrides(2, 2).withUseBias(false).withName("conv1_conv").apply(x);
        x = batchNorm("conv1_bn").apply(x);
        x = new Activation("relu").withName("conv1_relu").apply(x);
        // zeros are neutral for this max: it follows a ReLU (torchvision pads with -inf)
        x = new ZeroPadding2D(1).withName("pool1_pad").apply(x);
        x = new MaxPooling2D(3).withStrides(2, 2).withName("pool1_pool").apply(x);
        for (int stage = 0; stage < blocks.length; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = basicBlock(x, FILTERS[stage], stride, "conv" + (stage + 2) + "_block" + (block + 1));
            }
        }
        x = Heads.top(x, options);
        return ZooWeights.load(new Functional(name, List.of(input), List.of(x)), options.weights());
    }

    /** torchvision's BasicBlock: 3x3 conv - BN - ReLU - 3x3 conv - BN, plus the shortcut, ReLU. */
    private static KerasTensor basicBlock(KerasTensor x, int filters, int stride, String name) {
        KerasTensor shortcut = x;
        if (stride != 1 || x.shape().last() != filters) {
            shortcut = new Conv2D(filters, 1).withStrides(stride, stride).withUseBias(false)
                    .withName(name + "_0_conv").apply(x);
            shortcut = batchNorm(name + "_0_bn").apply(shortcut);
        }
        KerasTensor y = conv3x3(x, filters, stride, name + "_1");
        y = batchNorm(name + "_1_bn").apply(y);
        y = new Activation("relu").withName(name + "_1_relu").apply(y);
        y = conv3x3(y, filters, 1, name + "_2");
        y = batchNorm(name + "_2_bn").apply(y);
        y = new Add().withName(name + "_add").apply(y, shortcut);
        return new Activation("relu").withName(name + "_out").apply(y);
    }

    /** A 3x3 convolution padded by one pixel on every side (for stride 1 that is Keras's "same"). */
    private static KerasTensor conv3x3(KerasTensor x, int filters, int stride, String name) {
        if (stride == 1) {
            return new Conv2D(filters, 3).withPadding("same").withUseBias(false).withName(name + "_conv").apply(x);
        }
        KerasTensor padded = new ZeroPadding2D(1).withName(name + "_pad").apply(x);
        return new Conv2D(filters, 3).withStrides(stride, stride).withUseBias(false).withName(name + "_conv")
                .apply(padded);
    }

    private static BatchNormalization batchNorm(String name) {
        BatchNormalization bn = new BatchNormalization().withMomentum(BN_MOMENTUM).withEpsilon(BN_EPSILON);
        bn.withName(name);
        return bn;
    }
}
