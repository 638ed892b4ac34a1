package org.keras4j.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Exponential decay, as Keras's {@code ExponentialDecay}:
 * {@code initialLearningRate * decayRate ^ (step / decaySteps)}, with an integer division
 * {@code floor(step / decaySteps)} when {@code staircase} is on (default off).
 *
 * <pre>{@code
 * // 0.1, then 0.096 after 100000 steps, 0.0922 after 200000, ...
 * LearningRateSchedule s = new ExponentialDecay(0.1, 100000, 0.96).withStaircase(true);
 * }</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase;

    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0} or a rate is not finite
     */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        Schedules.requireFinite("initialLearningRate", initialLearningRate);
        Schedules.requirePositive("decaySteps", decaySteps);
        Schedules.requireFinite("decayRate", decayRate);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    static ExponentialDecay fromConfig(Map<String, Object> cfg) {
        return new ExponentialDecay(Configs.getDouble(cfg, "initial_learning_rate", Double.NaN),
                Configs.getDouble(cfg, "decay_steps", Double.NaN), Configs.getDouble(cfg, "decay_rate", Double.NaN))
                .withStaircase(Configs.getBoolean(cfg, "staircase", false));
    }

    /** Decays at discrete intervals of {@code decaySteps}. */
    public ExponentialDecay withStaircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double learningRate(long step) {
        Schedules.requireStep(step);
        double p = step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public String identifier() {
        return "ExponentialDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("initial_learning_rate", initialLearningRate);
        cfg.put("decay_steps", decaySteps);
        cfg.put("decay_rate", decayRate);
        cfg.put("staircase", staircase);
        return cfg;
    }

    @Override
    public String toString() {
        return identifier() + getConfig();
    }
}
