package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * Global maximum pooling, as Keras's {@code GlobalMaxPooling2D}: the maximum of each channel over all pixels.
 * Input {@code (height, width, channels)}; output {@code (channels)} (with {@code keepdims}, the pooled axes stay
 * with size 1). No parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(7, 7, 64), new GlobalMaxPooling2D(), new Dense(10, "softmax"));   // (None, 64) before Dense
 * }</pre>
 */
public final class GlobalMaxPooling2D extends BaseGlobalPooling<GlobalMaxPooling2D> {
    public GlobalMaxPooling2D() {
        super(2);
    }

    public static GlobalMaxPooling2D fromConfig(Map<String, Object> cfg) {
        return new GlobalMaxPooling2D().applyConfig(cfg);
    }

    @Override
    protected GlobalMaxPooling2D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return true;
    }
}
