package org.keras4j.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Base of the schedules that decay from {@code initialLearningRate} over {@code decaySteps}
 * (exponential, inverse time, cosine, polynomial): validates both, checks the step and writes
 * them first in the config, as Keras's schedules do.
 *
 * <pre>{@code
 * LearningRateSchedule s = new CosineDecay(0.1, 1000);
 * s.getConfig();   // {initial_learning_rate=0.1, decay_steps=1000.0, alpha=0.0, ...}
 * }</pre>
 */
abstract class DecaySchedule implements LearningRateSchedule {
    final double initialLearningRate;
    final double decaySteps;

    /** @throws IllegalArgumentException if {@code decaySteps <= 0} or the rate is not finite */
    DecaySchedule(double initialLearningRate, double decaySteps) {
        Schedules.requireFinite("initialLearningRate", initialLearningRate);
        Schedules.requirePositive("decaySteps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    /** The rate after {@code step >= 0} updates. */
    abstract double decayedRate(long step);

    /** Adds the schedule's own arguments, after the two shared ones, to its config. */
    abstract void putArguments(Map<String, Object> cfg);

    @Override
    public final double learningRate(long step) {
        Schedules.requireStep(step);
        return decayedRate(step);
    }

    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("initial_learning_rate", initialLearningRate);
        cfg.put("decay_steps", decaySteps);
        putArguments(cfg);
        return cfg;
    }

    @Override
    public String toString() {
        return identifier() + getConfig();
    }

    /** A saved config's {@code initial_learning_rate}; NaN (rejected by the constructor) when missing. */
    static double initialLearningRate(Map<String, Object> cfg) {
        return Configs.getDouble(cfg, "initial_learning_rate", Double.NaN);
    }

    /** A saved config's {@code decay_steps}; NaN (rejected by the constructor) when missing. */
    static double decaySteps(Map<String, Object> cfg) {
        return Configs.getDouble(cfg, "decay_steps", Double.NaN);
    }
}
