package org.keras4j.optimizers.schedules;

import java.util.Map;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Registry;

/**
 * Rebuilds learning-rate schedules from their Keras config, as Keras's
 * {@code keras.optimizers.schedules.deserialize}: {@code {"class_name": "ExponentialDecay",
 * "config": {...}}}.
 *
 * <pre>{@code
 * Map<String, Object> saved = Configs.serialize(new CosineDecay(0.1, 1000));
 * LearningRateSchedule again = LearningRateSchedules.deserialize(saved);
 * }</pre>
 */
public final class LearningRateSchedules {
    private static final Registry<LearningRateSchedule> REGISTRY =
            new Registry<LearningRateSchedule>("learning rate schedule")
                    .register(ExponentialDecay::fromConfig, "ExponentialDecay")
                    .register(PiecewiseConstantDecay::fromConfig, "PiecewiseConstantDecay")
                    .register(PolynomialDecay::fromConfig, "PolynomialDecay")
                    .register(InverseTimeDecay::fromConfig, "InverseTimeDecay")
                    .register(CosineDecay::fromConfig, "CosineDecay");

    private LearningRateSchedules() {
    }

    /**
     * The schedule {@code className} built from {@code config}.
     *
     * @throws IllegalArgumentException for an unknown class name (listing the valid ones) or a missing argument
     */
    public static LearningRateSchedule fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }

    /** Rebuilds the nested form written by {@link Configs#serialize}. */
    public static LearningRateSchedule deserialize(Map<String, Object> nested) {
        if (nested == null) {
            throw new IllegalArgumentException("schedule config must not be null");
        }
        return Configs.deserialize(nested, LearningRateSchedules::fromConfig);
    }
}
