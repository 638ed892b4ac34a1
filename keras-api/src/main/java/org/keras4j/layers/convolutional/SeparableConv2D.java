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
 * Depthwise-separable 2-D convolution, as Keras's {@code SeparableConv2D}: a depthwise
 * convolution (each channel with its own {@code depthMultiplier} kernels) followed by a 1x1
 * pointwise convolution to {@code filters} channels.
 *
 * <p>Input {@code (height, width, channels)}; output {@code (newHeight, newWidth, filters)}, sizes
 * as {@link Conv2D}. Parameters: {@code kh*kw*channels*depthMultiplier} depthwise weights +
 * {@code channels*depthMultiplier*filters} pointwise weights + {@code filters} biases. Defaults:
 * {@code depthMultiplier} 1, glorot_uniform for both kernels (each with Keras's fans), no
 * regularizers, and the {@link BaseConv} defaults.
 *
 * <pre>{@code
 * new Sequential(new Input(6, 6, 3), new SeparableConv2D(5, 3, "relu").withDepthMultiplier(2).withPadding("same"));  // 89 parameters
 * }</pre>
 */
public final class SeparableConv2D extends BaseConv<SeparableConv2D> {
    private final int filters;
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = Initializers.glorotUniform();
    private Initializer pointwiseInitializer = Initializers.glorotUniform();
    private Regularizer depthwiseRegularizer;
    private Regularizer pointwiseRegularizer;

    /** A linear SeparableConv2D with a square kernel. */
    public SeparableConv2D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, (ActivationFunction) null);
    }

    /** @throws IllegalArgumentException if {@code filters} or {@code kernelSize} is not positive or the activation is unknown */
    public SeparableConv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, Activations.get(activation));
    }

    /** With a {@code {height, width}} kernel; a null activation is linear. */
    public SeparableConv2D(int filters, int[] kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    public SeparableConv2D(int filters, int[] kernelSize, ActivationFunction activation) {
        super(2, kernelSize, activation);
        if (filters <= 0) {
            throw new IllegalArgumentException("SeparableConv2D filters must be a positive integer, got " + filters);
        }
        this.filters = filters;
    }

    public static SeparableConv2D fromConfig(Map<String, Object> cfg) {
        SeparableConv2D s = new SeparableConv2D(Configs.getInt(cfg, "filters", 1), kernelSizeFromConfig(cfg),
                activationFromConfig(cfg)).withDepthMultiplier(Configs.getInt(cfg, "depth_multiplier", 1));
        Initializer depthwise = Configs.deserialize(cfg.get("depthwise_initializer"), Initializers::fromConfig);
        if (depthwise != null) {
            s.withDepthwiseInitializer(depthwise);
        }
        Initializer pointwise = Configs.deserialize(cfg.get("pointwise_initializer"), Initializers::fromConfig);
        if (pointwise != null) {
            s.withPointwiseInitializer(pointwise);
        }
        s.withDepthwiseRegularizer(Configs.deserialize(cfg.get("depthwise_regularizer"), Regularizers::fromConfig));
        s.withPointwiseRegularizer(Configs.deserialize(cfg.get("pointwise_regularizer"), Regularizers::fromConfig));
        return s.applyBaseConfig(cfg);
    }

    @Override
    protected SeparableConv2D self() {
        return this;
    }

    public int filters() {
        return filters;
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    public Initializer depthwiseInitializer() {
        return depthwiseInitializer;
    }

    public Initializer pointwiseInitializer() {
        return pointwiseInitializer;
    }

    public Regularizer depthwiseRegularizer() {
        return depthwiseRegularizer;
    }

    public Regularizer pointwiseRegularizer() {
        return pointwiseRegularizer;
    }

    /** Depthwise kernels per input channel; Keras's default 1. */
    public SeparableConv2D withDepthMultiplier(int depthMultiplier) {
        if (depthMultiplier <= 0) {
            throw new IllegalArgumentException("SeparableConv2D depthMultiplier must be a positive integer, got " + depthMultiplier);
        }
        this.depthMultiplier = depthMultiplier;
        return this;
    }

    public SeparableConv2D withDepthwiseInitializer(String name) {
        return withDepthwiseInitializer(Initializers.get(name));
    }

    public SeparableConv2D withDepthwiseInitializer(Initializer initializer) {
        this.depthwiseInitializer = requireNonNull(initializer, "depthwiseInitializer");
        return this;
    }

    public SeparableConv2D withPointwiseInitializer(String name) {
        return withPointwiseInitializer(Initializers.get(name));
    }

    public SeparableConv2D withPointwiseInitializer(Initializer initializer) {
        this.pointwiseInitializer = requireNonNull(initializer, "pointwiseInitializer");
        return this;
    }

    public SeparableConv2D withDepthwiseRegularizer(Regularizer regularizer) {
        this.depthwiseRegularizer = regularizer;
        return this;
    }

    public SeparableConv2D withPointwiseRegularizer(Regularizer regularizer) {
        this.pointwiseRegularizer = regularizer;
        return this;
    }

    @Override
    protected long outputChannels(long inputChannels) {
        return filters;
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        long expanded = inputShape.last() * depthMultiplier;
        return kernelVolume() * expanded + expanded * filters + (useBias() ? filters : 0);
    }

    /** Keras's layout: {@code (kh, kw, inputChannels, depthMultiplier)}. */
    public long[] depthwiseKernelShape(long inputChannels) {
        int[] k = kernelSize();
        return new long[] {k[0], k[1], inputChannels, depthMultiplier};
    }

    /** Keras's layout: {@code (1, 1, inputChannels * depthMultiplier, filters)}. */
    public long[] pointwiseKernelShape(long inputChannels) {
        return new long[] {1, 1, inputChannels * depthMultiplier, filters};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("filters", filters);
        cfg.putAll(baseConfig());
        cfg.put("depth_multiplier", depthMultiplier);
        cfg.put("depthwise_initializer", Configs.serialize(depthwiseInitializer));
        cfg.put("pointwise_initializer", Configs.serialize(pointwiseInitializer));
        cfg.put("depthwise_regularizer", Configs.serialize(depthwiseRegularizer));
        cfg.put("pointwise_regularizer", Configs.serialize(pointwiseRegularizer));
        return cfg;
    }
}
