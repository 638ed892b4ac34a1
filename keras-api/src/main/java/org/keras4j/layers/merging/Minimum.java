package org.keras4j.layers.merging;

import java.util.Map;

/**
 * The element-wise minimum of a list of tensors, as Keras's {@code Minimum}.
 * Takes two or more tensors whose shapes broadcast as in Keras ({@link ElementwiseMerge}).
 *
 * <pre>{@code
 * KerasTensor min = new Minimum().apply(a, b);
 * }</pre>
 */
public final class Minimum extends ElementwiseMerge {
    public static Minimum fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Minimum(), cfg);
    }
}
