package org.keras4j.optimizers.schedules;

import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Polynomial decay from {@code initialLearningRate} to {@code endLearningRate} over
 * {@code decaySteps}, as Keras's {@code PolynomialDecay}:
 * {@code (initial - end) * (1 - min(step, decaySteps) / decaySteps) ^ power + end}.
 * With {@code cycle}, {@code decaySteps} becomes its first multiple {@code >= step}
 * ({@code decaySteps} itself at step 0), so the decay restarts.
 *
 * <p>Defaults: {@code endLearningRate} 1e-4, {@code power} 1, {@code cycle} off.
 *
 * <pre>{@code
 * // from 0.1 to 0.01 in 10000 steps along a square root
 * LearningRateSchedule s = new PolynomialDecay(0.1, 10000).withEndLearningRate(0.01).withPower(0.5);
 * }</pre>
 */
public final class PolynomialDecay extends DecaySchedule {
    private double endLearningRate = 1e-4;
    private double power = 1.0;
    private boolean cycle;

    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0} or the rate is not finite
     */
    public PolynomialDecay(double initialLearningRate, double decaySteps) {
        super(initialLearningRate, decaySteps);
    }

    static PolynomialDecay fromConfig(Map<String, Object> cfg) {
        return new PolynomialDecay(initialLearningRate(cfg), decaySteps(cfg))
                .withEndLearningRate(Configs.getDouble(cfg, "end_learning_rate", 1e-4))
                .withPower(Configs.getDouble(cfg, "power", 1.0))
                .withCycle(Configs.getBoolean(cfg, "cycle", false));
    }

    /** The rate reached after {@code decaySteps}; default 1e-4. */
    public PolynomialDecay withEndLearningRate(double endLearningRate) {
        Schedules.requireFinite("endLearningRate", endLearningRate);
        this.endLearningRate = endLearningRate;
        return this;
    }

    /** The power of the polynomial; default 1 (linear). */
    public PolynomialDecay withPower(double power) {
        Schedules.requireFinite("power", power);
        this.power = power;
        return this;
    }

    /** Restarts the decay after each multiple of {@code decaySteps}; default off. */
    public PolynomialDecay withCycle(boolean cycle) {
        this.cycle = cycle;
        return this;
    }

    @Override
    double decayedRate(long step) {
        double t = step;
        double steps = decaySteps;
        if (cycle) {
            steps = decaySteps * (step == 0 ? 1.0 : Math.ceil(t / decaySteps));
        } else {
            t = Math.min(t, decaySteps);
        }
        double p = t / steps;
        return (initialLearningRate - endLearningRate) * Math.pow(1 - p, power) + endLearningRate;
    }

    @Override
    public String identifier() {
        return "PolynomialDecay";
    }

    @Override
    void putArguments(Map<String, Object> cfg) {
        cfg.put("end_learning_rate", endLearningRate);
        cfg.put("power", power);
        cfg.put("cycle", cycle);
    }
}
