package org.keras4j.layers.convolutional;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configs;

/**
 * Depthwise 2-D convolution, as Keras's {@code DepthwiseConv2D}: each input channel is convolved
 * with its own {@code depthMultiplier} kernels, without mixing channels.
 *
 * <p>Input {@code (height, width, channels)}; output {@code (newHeight, newWidth,
 * channels * depthMultiplier)}, sizes as {@link Conv2D}. Parameters: {@code kh*kw*channels*
 * depthMultiplier} weights (Keras's kernel {@code (kh, kw, channels, depthMultiplier)}) plus
 * {@code channels*depthMultiplier} biases. Defaults: {@code depthMultiplier} 1,
 * {@code depthwiseInitializer} glorot_uniform, no {@code depthwiseRegularizer}, and the
 * {@link BaseConv} defaults.
 *
 * <pre>{@code
 * new Sequential(new Input(32, 32, 3), new DepthwiseConv2D(3).withDepthMultiplier(2));   // (30, 30, 6), 60 parameters
 * }</pre>
 */
public final class DepthwiseConv2D extends BaseConv<DepthwiseConv2D> {
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = Initializers.glorotUniform();
    private Regularizer depthwiseRegularizer;

    /** A linear DepthwiseConv2D with a square kernel. */
    public DepthwiseConv2D(int kernelSize) {
        this(new int[] {kernelSize}, (ActivationFunction) null);
    }

    /** @throws IllegalArgumentException if {@code kernelSize} is not positive or the activation is unknown */
    public DepthwiseConv2D(int kernelSize, String activation) {
        this(new int[] {kernelSize}, Activations.get(activation));
    }

    /** With a {@code {height, width}} kernel; a null activation is linear. */
    public DepthwiseConv2D(int[] kernelSize, String activation) {
        this(kernelSize, Activations.get(activation));
    }

    public DepthwiseConv2D(int[] kernelSize, ActivationFunction activation) {
        super(2, kernelSize, activation);
    }

    public static DepthwiseConv2D fromConfig(Map<String, Object> cfg) {
        DepthwiseConv2D d = new DepthwiseConv2D(kernelSizeFromConfig(cfg), activationFromConfig(cfg))
                .withDepthMultiplier(Configs.getInt(cfg, "depth_multiplier", 1));
        Initializer init = Configs.deserialize(cfg.get("depthwise_initializer"), Initializers::fromConfig);
        if (init != null) {
            d.withDepthwiseInitializer(init);
        }
        d.withDepthwiseRegularizer(Configs.deserialize(cfg.get("depthwise_regularizer"), Regularizers::fromConfig));
        return d.applyBaseConfig(cfg);
    }

    @Override
    protected DepthwiseConv2D self() {
        return this;
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    public Initializer depthwiseInitializer() {
        return depthwiseInitializer;
    }

    public Regularizer depthwiseRegularizer() {
        return depthwiseRegularizer;
    }

    /** Kernels per input channel; Keras's default 1. */
    public DepthwiseConv2D withDepthMultiplier(int depthMultiplier) {
        if (depthMultiplier <= 0) {
            throw new IllegalArgumentException("DepthwiseConv2D depthMultiplier must be a positive integer, got " + depthMultiplier);
        }
        this.depthMultiplier = depthMultiplier;
        return this;
    }

    public DepthwiseConv2D withDepthwiseInitializer(String name) {
        return withDepthwiseInitializer(Initializers.get(name));
    }

    public DepthwiseConv2D withDepthwiseInitializer(Initializer initializer) {
        this.depthwiseInitializer = requireNonNull(initializer, "depthwiseInitializer");
        return this;
    }

    public DepthwiseConv2D withDepthwiseRegularizer(Regularizer regularizer) {
        this.depthwiseRegularizer = regularizer;
        return this;
    }

    @Override
    protected long outputChannels(long inputChannels) {
        return inputChannels * depthMultiplier;
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        long channels = inputShape.last() * depthMultiplier;
        return kernelVolume() * channels + (useBias() ? channels : 0);
    }

    /** Keras's layout: {@code (kh, kw, inputChannels, depthMultiplier)}. */
    public long[] depthwiseKernelShape(long inputChannels) {
        int[] k = kernelSize();
        return new long[] {k[0], k[1], inputChannels, depthMultiplier};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(baseConfig());
        cfg.put("depth_multiplier", depthMultiplier);
        cfg.put("depthwise_initializer", Configs.serialize(depthwiseInitializer));
        cfg.put("depthwise_regularizer", Configs.serialize(depthwiseRegularizer));
        return cfg;
    }
}
