package org.keras4j.losses;

import java.util.Map;
import java.util.Set;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Resolves Keras's loss identifiers: the function names ({@code "mean_squared_error"},
 * {@code "categorical_crossentropy"}, …), the class names ({@code "MeanSquaredError"}) and
 * Keras's short aliases ({@code mse, mae, mape, msle, bce, kld}) and legacy names
 * ({@code logcosh, huber_loss, kullback_leibler_divergence}). Names are case-insensitive.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * Loss same = Losses.fromConfig(loss.identifier(), loss.getConfig());
 * }</pre>
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .register(cfg -> new MeanSquaredError(), "mean_squared_error", "mse", "MeanSquaredError")
            .register(cfg -> new MeanAbsoluteError(), "mean_absolute_error", "mae", "MeanAbsoluteError")
            .register(cfg -> new MeanAbsolutePercentageError(),
                    "mean_absolute_percentage_error", "mape", "MeanAbsolutePercentageError")
            .register(cfg -> new MeanSquaredLogarithmicError(),
                    "mean_squared_logarithmic_error", "msle", "MeanSquaredLogarithmicError")
            .register(cfg -> new Huber(Configs.getDouble(cfg, "delta", 1.0)), "huber", "huber_loss", "Huber")
            .register(cfg -> new LogCosh(), "log_cosh", "logcosh", "LogCosh")
            .register(cfg -> new BinaryCrossentropy(fromLogits(cfg), labelSmoothing(cfg)),
                    "binary_crossentropy", "bce", "BinaryCrossentropy")
            .register(cfg -> new CategoricalCrossentropy(fromLogits(cfg), labelSmoothing(cfg)),
                    "categorical_crossentropy", "CategoricalCrossentropy")
            .register(cfg -> new SparseCategoricalCrossentropy(fromLogits(cfg)),
                    "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
            .register(cfg -> new KLDivergence(), "kl_divergence", "kld", "kullback_leibler_divergence", "KLDivergence")
            .register(cfg -> new Poisson(), "poisson")
            .register(cfg -> new Hinge(), "hinge")
            .register(cfg -> new SquaredHinge(), "squared_hinge", "SquaredHinge")
            .register(cfg -> new CosineSimilarity(), "cosine_similarity", "CosineSimilarity");

    private Losses() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the valid ones */
    public static Loss get(String name) {
        return REGISTRY.get(name);
    }

    /**
     * The loss {@code name} with the arguments of {@code config} (as written by {@link Loss#getConfig()}).
     *
     * @throws IllegalArgumentException for an unknown name or an invalid argument
     */
    public static Loss fromConfig(String name, Map<String, Object> config) {
        return REGISTRY.fromConfig(name, config);
    }

    public static Set<String> names() {
        return REGISTRY.names();
    }

    private static boolean fromLogits(Map<String, Object> cfg) {
        return Configs.getBoolean(cfg, "from_logits", false);
    }

    private static double labelSmoothing(Map<String, Object> cfg) {
        return Configs.getDouble(cfg, "label_smoothing", 0.0);
    }
}
