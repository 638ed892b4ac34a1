package org.keras4j.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Inverse time decay, as Keras's {@code InverseTimeDecay}:
 * {@code initialLearningRate / (1 + decayRate * step / decaySteps)}, with
 * {@code floor(step / decaySteps)} when {@code staircase} is on (default off).
 *
 * <pre>{@code
 * LearningRateSchedule s = new InverseTimeDecay(0.1, 1.0, 0.5);   // 0.1 / (1 + 0.5 t)
 * }</pre>
 */
public final class InverseTimeDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase;

    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0} or a rate is not finite
     */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        Schedules.requireFinite("initialLearningRate", initialLearningRate);
        Schedules.requirePositive("decaySteps", decaySteps);
        Schedules.requireFinite("decayRate", decayRate);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    static InverseTimeDecay fromConfig(Map<String, Object> cfg) {
        return new InverseTimeDecay(Configs.getDouble(cfg, "initial_learning_rate", Double.NaN),
                Configs.getDouble(cfg, "decay_steps", Double.NaN), Configs.getDouble(cfg, "decay_rate", Double.NaN))
                .withStaircase(Configs.getBoolean(cfg, "staircase", false));
    }

    /** Decays at discrete intervals of {@code decaySteps}. */
    public InverseTimeDecay withStaircase(boolean staircase) {
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
        return initialLearningRate / (1 + decayRate * p);
    }

    @Override
    public String identifier() {
        return "InverseTimeDecay";
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
