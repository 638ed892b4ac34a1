package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * 2-D average pooling over images, as Keras's {@code AveragePooling2D}: the average of each
 * {@code poolSize} window, moved by {@code strides}. Input {@code (height, width, channels)};
 * output {@code (newHeight, newWidth, channels)} (see {@link BasePooling}); no parameters.
 * Defaults: pool 2x2, strides = pool size, padding "valid".
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28, 16), new AveragePooling2D());   // (None, 14, 14, 16)
 * }</pre>
 */
public final class AveragePooling2D extends BasePooling<AveragePooling2D> {
    /** A 2x2 pool. */
    public AveragePooling2D() {
        this(2);
    }

    /**
     * A square pool.
     *
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public AveragePooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** A {@code {height, width}} pool. */
    public AveragePooling2D(int[] poolSize) {
        super(2, poolSize);
    }

    public static AveragePooling2D fromConfig(Map<String, Object> cfg) {
        return new AveragePooling2D(poolSizeFromConfig(cfg)).applyConfig(cfg);
    }

    @Override
    protected AveragePooling2D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return false;
    }
}
