package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * 1-D maximum pooling over sequences, as Keras's {@code MaxPooling1D}: the maximum of each
 * {@code poolSize} window of steps, moved by {@code strides}. Input {@code (steps, channels)};
 * output {@code (newSteps, channels)} (see {@link BasePooling}); no parameters. Defaults: pool 2,
 * strides = pool size, padding "valid".
 *
 * <pre>{@code
 * new Sequential(new Input(100, 8), new Conv1D(16, 3, "relu"), new MaxPooling1D());   // (None, 49, 16)
 * }</pre>
 */
public final class MaxPooling1D extends BasePooling<MaxPooling1D> {
    /** A pool of 2 steps. */
    public MaxPooling1D() {
        this(2);
    }

    /** @throws IllegalArgumentException if {@code poolSize} is not positive */
    public MaxPooling1D(int poolSize) {
        super(1, new int[] {poolSize});
    }

    public static MaxPooling1D fromConfig(Map<String, Object> cfg) {
        return new MaxPooling1D(poolSizeFromConfig(cfg)[0]).applyConfig(cfg);
    }

    @Override
    protected MaxPooling1D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return true;
    }
}
