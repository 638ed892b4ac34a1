package org.keras4j.layers.merging;

import java.util.Map;

/**
 * Multiplies a list of tensors element-wise, as Keras's {@code Multiply}: {@code output = x0 * x1 * …}.
 * Takes two or more tensors whose shapes broadcast as in Keras ({@link ElementwiseMerge}).
 *
 * <pre>{@code
 * KerasTensor gated = new Multiply().apply(features, gate);
 * }</pre>
 */
public final class Multiply extends ElementwiseMerge {
    public static Multiply fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Multiply(), cfg);
    }
}
