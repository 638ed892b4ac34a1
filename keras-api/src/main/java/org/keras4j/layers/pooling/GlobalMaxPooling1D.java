package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * Global maximum pooling, as Keras's {@code GlobalMaxPooling1D}: the maximum of each channel over all steps.
 * Input {@code (steps, channels)}; output {@code (channels)} (with {@code keepdims}, the pooled axes stay
 * with size 1). No parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(100, 8), new Conv1D(16, 3, "relu"), new GlobalMaxPooling1D(), new Dense(1));
 * }</pre>
 */
public final class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {
    public GlobalMaxPooling1D() {
        super(1);
    }

    public static GlobalMaxPooling1D fromConfig(Map<String, Object> cfg) {
        return new GlobalMaxPooling1D().applyConfig(cfg);
    }

    @Override
    protected GlobalMaxPooling1D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return true;
    }
}
