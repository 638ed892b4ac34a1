package org.keras4j.layers.convolutional;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.layers.Layer;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configs;

/**
 * What every convolution shares, as Keras's {@code BaseConv}: kernel size, {@code strides}
 * (default 1), {@code padding} ("valid" default, "same"; Conv1D also "causal"),
 * {@code dilationRate} (default 1; {@code strides > 1} and {@code dilationRate > 1} exclude each
 * other, as in Keras), {@code activation} (linear), {@code useBias} (true),
 * {@code biasInitializer} (zeros) and {@code biasRegularizer} (none). Inputs are channels-last:
 * {@code (steps, channels)} for 1-D, {@code (height, width, channels)} for 2-D.
 *
 * <pre>{@code
 * new Conv2D(32, 3, "relu").withStrides(2).withPadding("same");
 * }</pre>
 *
 * @param <T> the concrete layer, returned by the {@code with*} setters
 */
public abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    private final int rank;
    private final int[] kernelSize;
    private int[] strides;
    private String padding = "valid";
    private int[] dilationRate;
    private ActivationFunction activation;
    private boolean useBias = true;
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer biasRegularizer;

    /**
     * @param rank number of spatial axes (1 or 2)
     * @throws IllegalArgumentException if the kernel size is not 1 or {@code rank} positive integers
     */
    protected BaseConv(int rank, int[] kernelSize, ActivationFunction activation) {
        this.rank = rank;
        this.kernelSize = ConvUtils.standardizeTuple(kernelSize, rank, "kernelSize", getClass().getSimpleName(), false);
        this.strides = ConvUtils.standardizeTuple(new int[] {1}, rank, "strides", getClass().getSimpleName(), false);
        this.dilationRate = strides.clone();
        this.activation = activation == null ? Activations.linear() : activation;
    }

    /** {@code this}, typed as the concrete layer. */
    protected abstract T self();

    /** Number of channels this layer outputs for the given input channels. */
    protected abstract long outputChannels(long inputChannels);

    /** Number of spatial axes: 1 for Conv1D, 2 for the 2-D layers. */
    public int rank() {
        return rank;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    /** "valid", "same" or (Conv1D) "causal". */
    public String padding() {
        return padding;
    }

    public int[] dilationRate() {
        return dilationRate.clone();
    }

    public ActivationFunction activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    @Override
    public T withName(String name) {
        super.withName(name);
        return self();
    }

    @Override
    public T withInputShape(long... dims) {
        super.withInputShape(dims);
        return self();
    }

    /**
     * One stride for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException for a count other than 1 or the rank, a non-positive value,
     *     or strides above 1 together with a dilation rate above 1
     */
    public T withStrides(int... strides) {
        int[] s = ConvUtils.standardizeTuple(strides, rank, "strides", className(), false);
        checkStridesAndDilation(s, dilationRate);
        this.strides = s;
        return self();
    }

    /** @throws IllegalArgumentException unless "valid", "same" or (1-D only) "causal" */
    public T withPadding(String padding) {
        this.padding = ConvUtils.standardizePadding(padding, allowsCausalPadding(), className());
        return self();
    }

    /**
     * The dilation rate of the kernel, one value or one per axis.
     *
     * @throws IllegalArgumentException as {@link #withStrides}
     */
    public T withDilationRate(int... dilationRate) {
        int[] d = ConvUtils.standardizeTuple(dilationRate, rank, "dilationRate", className(), false);
        checkStridesAndDilation(strides, d);
        this.dilationRate = d;
        return self();
    }

    /** @throws IllegalArgumentException for an unknown activation name */
    public T withActivation(String activation) {
        this.activation = Activations.get(activation);
        return self();
    }

    public T withActivation(ActivationFunction activation) {
        this.activation = activation == null ? Activations.linear() : activation;
        return self();
    }

    public T withUseBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    public T withBiasInitializer(String name) {
        return withBiasInitializer(Initializers.get(name));
    }

    public T withBiasInitializer(Initializer initializer) {
        this.biasInitializer = requireNonNull(initializer, "biasInitializer");
        return self();
    }

    public T withBiasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        return self();
    }

    /** Whether padding "causal" is allowed: Keras allows it for 1-D convolutions only. */
    protected boolean allowsCausalPadding() {
        return false;
    }

    private void checkStridesAndDilation(int[] s, int[] d) {
        if (max(s) > 1 && max(d) > 1) {
            throw new IllegalArgumentException(className() + ": strides > 1 not supported in conjunction with dilationRate > 1,"
                    + " got strides=" + java.util.Arrays.toString(s) + " and dilationRate=" + java.util.Arrays.toString(d));
        }
    }

    /** The spatial output length along axis {@code axis} for an input of that length. */
    protected long spatialOutputLength(long input, int axis) {
        return ConvUtils.convOutputLength(input, kernelSize[axis], padding, strides[axis], dilationRate[axis]);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, rank + 1, rankHint(inputShape));
        long[] out = new long[rank + 1];
        for (int i = 0; i < rank; i++) {
            out[i] = spatialOutputLength(inputShape.get(i), i);
        }
        long[] spatial = java.util.Arrays.copyOf(out, rank);
        ConvUtils.requirePositiveOutput(spatial, inputShape, describe(), "kernelSize " + ConvUtils.dims(kernelSize)
                + ", strides " + ConvUtils.dims(strides) + ", dilationRate " + ConvUtils.dims(dilationRate)
                + " and padding \"" + padding + "\"");
        out[rank] = outputChannels(inputShape.last());
        return Shape.of(out);
    }

    private String rankHint(Shape input) {
        String expected = rank == 1 ? "(steps, channels)" : "(height, width, channels)";
        if (rank == 2 && input.rank() == 2) {
            return "expected " + expected + "; add a channels axis, e.g. Reshape(" + input.get(0) + ", " + input.get(1)
                    + ", 1) before it or inputs of shape (" + input.get(0) + ", " + input.get(1) + ", 1)";
        }
        if (input.rank() == 1) {
            return "expected " + expected + "; add a Reshape before it, e.g. Reshape(" + (rank == 1 ? input.get(0) + ", 1"
                    : "height, width, channels") + ")";
        }
        return "expected " + expected;
    }

    /** The arguments every convolution saves, in Keras's names. */
    protected Map<String, Object> baseConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("kernel_size", ConvUtils.toList(kernelSize));
        cfg.put("strides", ConvUtils.toList(strides));
        cfg.put("padding", padding);
        cfg.put("data_format", "channels_last");
        cfg.put("dilation_rate", ConvUtils.toList(dilationRate));
        cfg.put("activation", Configs.serialize(activation));
        cfg.put("use_bias", useBias);
        cfg.put("bias_initializer", Configs.serialize(biasInitializer));
        cfg.put("bias_regularizer", Configs.serialize(biasRegularizer));
        return cfg;
    }

    /** Applies the arguments written by {@link #baseConfig} (kernel size and activation go to the constructor). */
    protected T applyBaseConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), className());
        withStrides(ConvUtils.intsFromConfig(cfg, "strides", new int[] {1}));
        withDilationRate(ConvUtils.intsFromConfig(cfg, "dilation_rate", new int[] {1}));
        withPadding(Configs.getString(cfg, "padding", "valid"));
        withUseBias(Configs.getBoolean(cfg, "use_bias", true));
        Initializer bias = Configs.deserialize(cfg.get("bias_initializer"), Initializers::fromConfig);
        if (bias != null) {
            withBiasInitializer(bias);
        }
        withBiasRegularizer(Configs.deserialize(cfg.get("bias_regularizer"), Regularizers::fromConfig));
        return withSavedName(self(), cfg);
    }

    /** Kernel size from a saved config. */
    protected static int[] kernelSizeFromConfig(Map<String, Object> cfg) {
        return ConvUtils.intsFromConfig(cfg, "kernel_size", null);
    }

    /** Activation from a saved config. */
    protected static ActivationFunction activationFromConfig(Map<String, Object> cfg) {
        return Configs.deserialize(cfg.get("activation"), Activations::fromConfig);
    }

    /** The product of the kernel's spatial sizes. */
    protected long kernelVolume() {
        long v = 1;
        for (int k : kernelSize) {
            v *= k;
        }
        return v;
    }

    protected static <V> V requireNonNull(V value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        return value;
    }

    private static int max(int[] values) {
        int m = Integer.MIN_VALUE;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
