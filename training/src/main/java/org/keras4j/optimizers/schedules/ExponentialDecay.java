package org.keras4j.optimizers.schedules;

import java.util.Map;

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
public final class ExponentialDecay extends RateDecay<ExponentialDecay> {
    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0} or a rate is not finite
     */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        super(initialLearningRate, decaySteps, decayRate);
    }

    static ExponentialDecay fromConfig(Map<String, Object> cfg) {
        return fromConfig(cfg, ExponentialDecay::new);
    }

    @Override
    double rateAt(double p) {
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public String identifier() {
        return "ExponentialDecay";
    }
}
