package org.keras4j.layers.pooling;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.ConvUtils;
import org.keras4j.utils.Configs;

/**
 * What max and average pooling share, as Keras's {@code BasePooling}: {@code poolSize} (2 per
 * axis), {@code strides} (default: the pool size), {@code padding} ("valid" or "same"). Average
 * pooling with "same" padding divides by the number of real (unpadded) inputs in each window, as
 * Keras. No parameters. Input {@code (steps, channels)} (1-D) or {@code (height, width,
 * channels)} (2-D); each spatial size becomes {@code floor((size - pool) / stride) + 1} ("valid")
 * or {@code ceil(size / stride)} ("same").
 *
 * <pre>{@code
 * new MaxPooling2D(3).withStrides(2).withPadding("same");
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class BasePooling<T extends BasePooling<T>> extends Layer {
    private final int rank;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";

    /** @throws IllegalArgumentException if the pool size is not 1 or {@code rank} positive integers */
    protected BasePooling(int rank, int[] poolSize) {
        this.rank = rank;
        this.poolSize = ConvUtils.standardizeTuple(poolSize, rank, "poolSize", getClass().getSimpleName(), false);
    }

    protected abstract T self();

    /** True for max pooling, false for average pooling. */
    public abstract boolean isMax();

    /** Number of spatial axes: 1 or 2. */
    public int rank() {
        return rank;
    }

    public int[] poolSize() {
        return poolSize.clone();
    }

    /** The strides; the pool size unless set. */
    public int[] strides() {
        return strides == null ? poolSize.clone() : strides.clone();
    }

    /** "valid" or "same". */
    public String padding() {
        return padding;
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
     * One stride for every axis or one per axis; null restores the default (the pool size).
     *
     * @throws IllegalArgumentException for a count other than 1 or the rank, or a non-positive value
     */
    public T withStrides(int... strides) {
        this.strides = strides == null ? null : ConvUtils.standardizeTuple(strides, rank, "strides", className(), false);
        return self();
    }

    /** @throws IllegalArgumentException unless "valid" or "same" */
    public T withPadding(String padding) {
        this.padding = ConvUtils.standardizePadding(padding, false, className());
        return self();
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, rank + 1, rank == 1 ? "expected (steps, channels)" : "expected (height, width, channels)");
        int[] s = strides();
        long[] out = new long[rank + 1];
        for (int i = 0; i < rank; i++) {
            out[i] = ConvUtils.poolOutputLength(inputShape.get(i), poolSize[i], padding, s[i]);
        }
        ConvUtils.requirePositiveOutput(Arrays.copyOf(out, rank), inputShape, describe(), "poolSize "
                + ConvUtils.dims(poolSize) + ", strides " + ConvUtils.dims(s) + " and padding \"" + padding + "\"");
        out[rank] = inputShape.last();
        return Shape.of(out);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("pool_size", ConvUtils.toList(poolSize));
        cfg.put("padding", padding);
        cfg.put("strides", ConvUtils.toList(strides()));
        cfg.put("data_format", "channels_last");
        return cfg;
    }

    /** Applies strides, padding and name from a saved config. */
    protected T applyConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), className());
        withStrides(ConvUtils.intsFromConfig(cfg, "strides", null));
        withPadding(Configs.getString(cfg, "padding", "valid"));
        return withSavedName(self(), cfg);
    }

    /** The saved pool size, or 2 per axis. */
    protected static int[] poolSizeFromConfig(Map<String, Object> cfg) {
        return ConvUtils.intsFromConfig(cfg, "pool_size", new int[] {2});
    }
}
