package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * 2-D maximum pooling over images, as Keras's {@code MaxPooling2D}: the maximum of each
 * {@code poolSize} window, moved by {@code strides}. Input {@code (height, width, channels)};
 * output {@code (newHeight, newWidth, channels)} (see {@link BasePooling}); no parameters.
 * Defaults: pool 2x2, strides = pool size, padding "valid".
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28, 16), new MaxPooling2D());   // (None, 14, 14, 16)
 * }</pre>
 */
public final class MaxPooling2D extends BasePooling<MaxPooling2D> {
    /** A 2x2 pool. */
    public MaxPooling2D() {
        this(2);
    }

    /**
     * A square pool.
     *
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public MaxPooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** A {@code {height, width}} pool. */
    public MaxPooling2D(int[] poolSize) {
        super(2, poolSize);
    }

    public static MaxPooling2D fromConfig(Map<String, Object> cfg) {
        return new MaxPooling2D(poolSizeFromConfig(cfg)).applyConfig(cfg);
    }

    @Override
    protected MaxPooling2D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return true;
    }
}
