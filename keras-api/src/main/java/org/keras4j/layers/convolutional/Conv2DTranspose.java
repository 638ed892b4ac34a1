package org.keras4j.layers.convolutional;

import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * Transposed 2-D convolution ("deconvolution"), as Keras's {@code Conv2DTranspose}: the gradient
 * of a Conv2D with respect to its input, used to upsample (decoders, autoencoders).
 *
 * <p>Input {@code (height, width, channels)}; output {@code (newHeight, newWidth, filters)} with
 * {@code new = size * stride} for padding "same" and {@code (size - 1) * stride + max(kEff, stride)}
 * for "valid", {@code kEff = (k - 1) * dilation + 1}. Parameters: {@code kh*kw*filters*channels}
 * weights (Keras's kernel is {@code (kh, kw, filters, channels)}, which fixes its fans) plus
 * {@code filters} biases. Keras's {@code output_padding} is not supported.
 *
 * <pre>{@code
 * new Sequential(new Input(7, 7, 32),
 *         new Conv2DTranspose(16, 3, "relu").withStrides(2).withPadding("same"),   // (14, 14, 16)
 *         new Conv2DTranspose(1, 3, "sigmoid").withStrides(2).withPadding("same")); // (28, 28, 1)
 * }</pre>
 */
public final class Conv2DTranspose extends KernelConv<Conv2DTranspose> {
    /** A linear Conv2DTranspose with a square kernel. */
    public Conv2DTranspose(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, (ActivationFunction) null);
    }

    /** @throws IllegalArgumentException if {@code filters} or {@code kernelSize} is not positive or the activation is unknown */
    public Conv2DTranspose(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, Activations.get(activation));
    }

    /** With a {@code {height, width}} kernel; a null activation is linear. */
    public Conv2DTranspose(int filters, int[] kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    public Conv2DTranspose(int filters, int[] kernelSize, ActivationFunction activation) {
        super(2, filters, kernelSize, activation);
    }

    public static Conv2DTranspose fromConfig(Map<String, Object> cfg) {
        if (cfg.get("output_padding") != null) {
            throw new IllegalArgumentException("Conv2DTranspose output_padding is not supported by keras4j, got "
                    + cfg.get("output_padding"));
        }
        return new Conv2DTranspose(Configs.getInt(cfg, "filters", 1), kernelSizeFromConfig(cfg), activationFromConfig(cfg))
                .applyBaseConfig(cfg);
    }

    @Override
    protected Conv2DTranspose self() {
        return this;
    }

    @Override
    protected long spatialOutputLength(long input, int axis) {
        return ConvUtils.convTransposeOutputLength(input, kernelSize()[axis], padding(), strides()[axis], dilationRate()[axis]);
    }

    /** Keras's layout: {@code (kh, kw, filters, inputChannels)}. */
    @Override
    public long[] kernelShape(long inputChannels) {
        int[] k = kernelSize();
        return new long[] {k[0], k[1], filters(), inputChannels};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = super.layerConfig();
        cfg.put("output_padding", null);
        return cfg;
    }
}
