package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * Global mean pooling, as Keras's {@code GlobalAveragePooling1D}: the mean of each channel over all steps.
 * Input {@code (steps, channels)}; output {@code (channels)} (with {@code keepdims}, the pooled axes stay
 * with size 1). No parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(100, 8), new Conv1D(16, 3, "relu"), new GlobalAveragePooling1D(), new Dense(1));
 * }</pre>
 */
public final class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() {
        super(1);
    }

    public static GlobalAveragePooling1D fromConfig(Map<String, Object> cfg) {
        return new GlobalAveragePooling1D().applyConfig(cfg);
    }

    @Override
    protected GlobalAveragePooling1D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return false;
    }
}
