package org.keras4j.layers.convolutional;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configs;

/**
 * A convolution with one kernel producing {@code filters} channels: {@link Conv1D},
 * {@link Conv2D}, {@link Conv2DTranspose}. Adds {@code filters}, {@code kernelInitializer}
 * (glorot_uniform, with Keras's fans {@code k1*..*kn*in} and {@code k1*..*kn*filters}) and
 * {@code kernelRegularizer} (none) to {@link BaseConv}.
 *
 * <pre>{@code
 * new Conv2D(64, 3, "relu").withKernelInitializer("he_normal").withKernelRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class KernelConv<T extends KernelConv<T>> extends BaseConv<T> {
    private final int filters;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Regularizer kernelRegularizer;

    /** @throws IllegalArgumentException if {@code filters} is not positive or the kernel size is invalid */
    protected KernelConv(int rank, int filters, int[] kernelSize, ActivationFunction activation) {
        super(rank, kernelSize, activation);
        if (filters <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " filters must be a positive integer, got " + filters);
        }
        this.filters = filters;
    }

    /** Number of output channels. */
    public int filters() {
        return filters;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    public T withKernelInitializer(String name) {
        return withKernelInitializer(Initializers.get(name));
    }

    public T withKernelInitializer(Initializer initializer) {
        this.kernelInitializer = requireNonNull(initializer, "kernelInitializer");
        return self();
    }

    public T withKernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return self();
    }

    @Override
    protected long outputChannels(long inputChannels) {
        return filters;
    }

    /** Kernel {@code k1*..*kn*in*filters}, plus {@code filters} biases. */
    @Override
    public long countTrainableParams(Shape inputShape) {
        return kernelVolume() * inputShape.last() * filters + (useBias() ? filters : 0);
    }

    /**
     * The kernel's shape in Keras's layout, which fixes its fans:
     * {@code (k1, .., kn, inputChannels, filters)}.
     */
    public long[] kernelShape(long inputChannels) {
        int[] k = kernelSize();
        long[] shape = new long[k.length + 2];
        for (int i = 0; i < k.length; i++) {
            shape[i] = k[i];
        }
        shape[k.length] = inputChannels;
        shape[k.length + 1] = filters;
        return shape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("filters", filters);
        cfg.putAll(baseConfig());
        cfg.put("kernel_initializer", Configs.serialize(kernelInitializer));
        cfg.put("kernel_regularizer", Configs.serialize(kernelRegularizer));
        return cfg;
    }

    @Override
    protected T applyBaseConfig(Map<String, Object> cfg) {
        Initializer kernel = Configs.deserialize(cfg.get("kernel_initializer"), Initializers::fromConfig);
        if (kernel != null) {
            withKernelInitializer(kernel);
        }
        withKernelRegularizer(Configs.deserialize(cfg.get("kernel_regularizer"), Regularizers::fromConfig));
        return super.applyBaseConfig(cfg);
    }
}
