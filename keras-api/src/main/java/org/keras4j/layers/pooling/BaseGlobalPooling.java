package org.keras4j.layers.pooling;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.ConvUtils;
import org.keras4j.utils.Configs;

/**
 * What global pooling layers share, as Keras's {@code BaseGlobalPooling}: the maximum or mean of
 * each channel over all steps (1-D) or all pixels (2-D). Output {@code (channels)}, or with
 * {@code keepdims} {@code (1, channels)} / {@code (1, 1, channels)}; no parameters.
 *
 * <pre>{@code
 * new GlobalAveragePooling2D().withKeepdims(true);
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class BaseGlobalPooling<T extends BaseGlobalPooling<T>> extends Layer {
    private final int rank;
    private boolean keepdims;

    protected BaseGlobalPooling(int rank) {
        this.rank = rank;
    }

    protected abstract T self();

    /** True for max pooling, false for average pooling. */
    public abstract boolean isMax();

    /** Number of spatial axes pooled: 1 or 2. */
    public int rank() {
        return rank;
    }

    public boolean keepdims() {
        return keepdims;
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

    /** Keep the pooled axes with size 1; Keras's default false. */
    public T withKeepdims(boolean keepdims) {
        this.keepdims = keepdims;
        return self();
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, rank + 1, rank == 1 ? "expected (steps, channels)" : "expected (height, width, channels)");
        if (!keepdims) {
            return Shape.of(inputShape.last());
        }
        long[] out = new long[rank + 1];
        java.util.Arrays.fill(out, 1);
        out[rank] = inputShape.last();
        return Shape.of(out);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("data_format", "channels_last");
        cfg.put("keepdims", keepdims);
        return cfg;
    }

    /** Applies keepdims and name from a saved config. */
    protected T applyConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), className());
        withKeepdims(Configs.getBoolean(cfg, "keepdims", false));
        return withSavedName(self(), cfg);
    }
}
