package org.keras4j.regularizers;

import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Keras's regularizers: {@code l1}, {@code l2} and {@code l1_l2}; the identifiers alone use
 * Keras's default factor 0.01.
 *
 * <pre>{@code
 * Regularizer r = Regularizers.l1l2(1e-5, 1e-4);
 * }</pre>
 */
public final class Regularizers {
    private static final Registry<Regularizer> REGISTRY = new Registry<Regularizer>("regularizer")
            .register(cfg -> new Regularizer(Configs.getDouble(cfg, "l1", 0.01), 0), "l1")
            .register(cfg -> new Regularizer(0, Configs.getDouble(cfg, "l2", 0.01)), "l2")
            .register(cfg -> new Regularizer(Configs.getDouble(cfg, "l1", 0.01), Configs.getDouble(cfg, "l2", 0.01)),
                    "l1_l2");

    private Regularizers() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the valid ones */
    public static Regularizer get(String name) {
        return REGISTRY.get(name);
    }

    /** Rebuilds a regularizer from its identifier and {@link Regularizer#getConfig()}. */
    public static Regularizer fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }

    public static Regularizer l1(double factor) {
        return new Regularizer(factor, 0);
    }

    public static Regularizer l2(double factor) {
        return new Regularizer(0, factor);
    }

    public static Regularizer l1l2(double l1, double l2) {
        return new Regularizer(l1, l2);
    }
}
