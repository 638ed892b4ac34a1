package org.keras4j.layers.merging;

import java.util.Map;

/**
 * The element-wise maximum of a list of tensors, as Keras's {@code Maximum}.
 * Takes two or more tensors whose shapes broadcast as in Keras ({@link ElementwiseMerge}).
 *
 * <pre>{@code
 * KerasTensor max = new Maximum().apply(a, b);
 * }</pre>
 */
public final class Maximum extends ElementwiseMerge {
    public static Maximum fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Maximum(), cfg);
    }
}
