package org.keras4j.losses;

import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Resolves Keras's loss identifiers ({@code "mse"}, {@code "categorical_crossentropy"}, …).
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .register(cfg -> new MeanSquaredError(), "mean_squared_error", "mse")
            .register(cfg -> new CategoricalCrossentropy(Configs.getBoolean(cfg, "from_logits", false),
                    Configs.getDouble(cfg, "label_smoothing", 0.0)), "categorical_crossentropy");

    private Losses() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the valid ones */
    public static Loss get(String name) {
        return REGISTRY.get(name);
    }

    public static Loss fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }
}
