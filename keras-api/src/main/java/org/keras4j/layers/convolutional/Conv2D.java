package org.keras4j.layers.convolutional;

import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * 2-D convolution over images, as Keras's {@code Conv2D}:
 * {@code output = activation(conv2d(input, kernel) + bias)}.
 *
 * <p>Input {@code (height, width, channels)}; output {@code (newHeight, newWidth, filters)} where
 * each new size is {@code floor((size - dilation*(k-1) - 1) / stride) + 1} for padding "valid"
 * and {@code ceil(size / stride)} for "same". Parameters: {@code kh*kw*channels*filters} weights
 * plus {@code filters} biases. Defaults as Keras: strides 1, padding "valid", dilation 1, linear
 * activation, bias on, glorot_uniform kernel, zero bias. See {@link BaseConv} and
 * {@link KernelConv} for every argument.
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28, 1),
 *         new Conv2D(16, 5, "relu").withPadding("same"),      // 416 parameters
 *         new MaxPooling2D(),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Conv2D extends KernelConv<Conv2D> {
    /** A linear Conv2D with a square kernel. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, (ActivationFunction) null);
    }

    /**
     * @throws IllegalArgumentException if {@code filters} or {@code kernelSize} is not positive or the
     *     activation is unknown
     */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, Activations.get(activation));
    }

    /** With a {@code {height, width}} kernel; a null activation is linear. */
    public Conv2D(int filters, int[] kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    public Conv2D(int filters, int[] kernelSize, ActivationFunction activation) {
        super(2, filters, kernelSize, activation);
    }

    public static Conv2D fromConfig(Map<String, Object> cfg) {
        return new Conv2D(Configs.getInt(cfg, "filters", 1), kernelSizeFromConfig(cfg), activationFromConfig(cfg))
                .applyBaseConfig(cfg);
    }

    @Override
    protected Conv2D self() {
        return this;
    }
}
