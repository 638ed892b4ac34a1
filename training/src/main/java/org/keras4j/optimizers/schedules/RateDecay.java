package org.keras4j.optimizers.schedules;

import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Base of the schedules driven by {@code decayRate} and the progress {@code step / decaySteps},
 * floored when {@code staircase} is on (Keras's {@code ExponentialDecay} and
 * {@code InverseTimeDecay}); subclasses give the rate as a function of the progress.
 *
 * <pre>{@code
 * LearningRateSchedule s = new InverseTimeDecay(0.1, 1.0, 0.5).withStaircase(true);
 * }</pre>
 *
 * @param <S> the schedule itself, returned by {@link #withStaircase}
 */
abstract class RateDecay<S extends RateDecay<S>> extends DecaySchedule {
    final double decayRate;
    private boolean staircase;

    /** A constructor of one schedule of the family. */
    @FunctionalInterface
    interface Factory<S extends RateDecay<S>> {
        S create(double initialLearningRate, double decaySteps, double decayRate);
    }

    /** @throws IllegalArgumentException if {@code decaySteps <= 0} or a rate is not finite */
    RateDecay(double initialLearningRate, double decaySteps, double decayRate) {
        super(initialLearningRate, decaySteps);
        Schedules.requireFinite("decayRate", decayRate);
        this.decayRate = decayRate;
    }

    /** Rebuilds a schedule from a saved config; staircase defaults to off. */
    static <S extends RateDecay<S>> S fromConfig(Map<String, Object> cfg, Factory<S> factory) {
        return factory.create(initialLearningRate(cfg), decaySteps(cfg),
                Configs.getDouble(cfg, "decay_rate", Double.NaN))
                .withStaircase(Configs.getBoolean(cfg, "staircase", false));
    }

    /** The rate at progress {@code p} (in units of {@code decaySteps}). */
    abstract double rateAt(double p);

    /** Decays at discrete intervals of {@code decaySteps}. */
    @SuppressWarnings("unchecked")
    public S withStaircase(boolean staircase) {
        this.staircase = staircase;
        return (S) this;
    }

    @Override
    final double decayedRate(long step) {
        double p = step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return rateAt(p);
    }

    @Override
    final void putArguments(Map<String, Object> cfg) {
        cfg.put("decay_rate", decayRate);
        cfg.put("staircase", staircase);
    }
}
