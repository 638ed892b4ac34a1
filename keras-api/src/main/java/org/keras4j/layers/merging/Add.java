package org.keras4j.layers.merging;

import java.util.Map;

/**
 * Adds a list of tensors element-wise, as Keras's {@code Add}: {@code output = x0 + x1 + …}.
 * Takes two or more tensors whose shapes broadcast as in Keras ({@link ElementwiseMerge}).
 *
 * <pre>{@code
 * KerasTensor sum = new Add().apply(a, b);
 * }</pre>
 */
public final class Add extends ElementwiseMerge {
    public static Add fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Add(), cfg);
    }
}
