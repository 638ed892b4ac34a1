package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * 1-D average pooling over sequences, as Keras's {@code AveragePooling1D}: the average of each
 * {@code poolSize} window of steps, moved by {@code strides}. Input {@code (steps, channels)};
 * output {@code (newSteps, channels)} (see {@link BasePooling}); no parameters. Defaults: pool 2,
 * strides = pool size, padding "valid".
 *
 * <pre>{@code
 * new Sequential(new Input(100, 8), new Conv1D(16, 3, "relu"), new AveragePooling1D());   // (None, 49, 16)
 * }</pre>
 */
public final class AveragePooling1D extends BasePooling<AveragePooling1D> {
    /** A pool of 2 steps. */
    public AveragePooling1D() {
        this(2);
    }

    /** @throws IllegalArgumentException if {@code poolSize} is not positive */
    public AveragePooling1D(int poolSize) {
        super(1, new int[] {poolSize});
    }

    public static AveragePooling1D fromConfig(Map<String, Object> cfg) {
        return new AveragePooling1D(poolSizeFromConfig(cfg)[0]).applyConfig(cfg);
    }

    @Override
    protected AveragePooling1D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return false;
    }
}
