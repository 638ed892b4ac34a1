package org.keras4j.optimizers;

import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Registry;

/**
 * Resolves Keras's optimizer identifiers to new optimizers with Keras's defaults:
 * {@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop}, {@code adagrad}, {@code adadelta},
 * {@code adamax}, {@code nadam}.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");
 * }</pre>
 */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
            .register(SGD::fromConfig, "sgd")
            .register(Adam::fromConfig, "adam")
            .register(AdamW::fromConfig, "adamw")
            .register(RMSprop::fromConfig, "rmsprop")
            .register(Adagrad::fromConfig, "adagrad")
            .register(Adadelta::fromConfig, "adadelta")
            .register(Adamax::fromConfig, "adamax")
            .register(Nadam::fromConfig, "nadam");

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras's defaults.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Optimizer get(String name) {
        return REGISTRY.get(name);
    }

    /** Rebuilds an optimizer from its identifier and {@link Optimizer#getConfig()}. */
    public static Optimizer fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }
}
