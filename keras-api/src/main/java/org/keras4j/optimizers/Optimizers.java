package org.keras4j.optimizers;

import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Registry;

/**
 * Resolves Keras's optimizer identifiers ({@code "sgd"}, {@code "adam"}, …) to new optimizers
 * with Keras's defaults.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");
 * }</pre>
 */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
            .register(SGD::fromConfig, "sgd")
            .register(Adam::fromConfig, "adam");

    private Optimizers() {
    }

    /** A new optimizer with Keras's defaults. */
    public static Optimizer get(String name) {
        return REGISTRY.get(name);
    }

    public static Optimizer fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }
}
