package org.keras4j.layers.pooling;

import java.util.Map;

/**
 * Global mean pooling, as Keras's {@code GlobalAveragePooling2D}: the mean of each channel over all pixels.
 * Input {@code (height, width, channels)}; output {@code (channels)} (with {@code keepdims}, the pooled axes stay
 * with size 1). No parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(7, 7, 64), new GlobalAveragePooling2D(), new Dense(10, "softmax"));   // (None, 64) before Dense
 * }</pre>
 */
public final class GlobalAveragePooling2D extends BaseGlobalPooling<GlobalAveragePooling2D> {
    public GlobalAveragePooling2D() {
        super(2);
    }

    public static GlobalAveragePooling2D fromConfig(Map<String, Object> cfg) {
        return new GlobalAveragePooling2D().applyConfig(cfg);
    }

    @Override
    protected GlobalAveragePooling2D self() {
        return this;
    }

    @Override
    public boolean isMax() {
        return false;
    }
}
