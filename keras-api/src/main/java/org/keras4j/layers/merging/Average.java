package org.keras4j.layers.merging;

import java.util.Map;

/**
 * Averages a list of tensors element-wise, as Keras's {@code Average}: {@code output = (x0 + … + xk) / (k + 1)}.
 * Takes two or more tensors whose shapes broadcast as in Keras ({@link ElementwiseMerge}).
 *
 * <pre>{@code
 * KerasTensor mean = new Average().apply(a, b, c);
 * }</pre>
 */
public final class Average extends ElementwiseMerge {
    public static Average fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Average(), cfg);
    }
}
