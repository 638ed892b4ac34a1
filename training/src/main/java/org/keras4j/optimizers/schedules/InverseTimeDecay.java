package org.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * Inverse time decay, as Keras's {@code InverseTimeDecay}:
 * {@code initialLearningRate / (1 + decayRate * step / decaySteps)}, with
 * {@code floor(step / decaySteps)} when {@code staircase} is on (default off).
 *
 * <pre>{@code
 * LearningRateSchedule s = new InverseTimeDecay(0.1, 1.0, 0.5);   // 0.1 / (1 + 0.5 t)
 * }</pre>
 */
public final class InverseTimeDecay extends RateDecay<InverseTimeDecay> {
    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0} or a rate is not finite
     */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        super(initialLearningRate, decaySteps, decayRate);
    }

    static InverseTimeDecay fromConfig(Map<String, Object> cfg) {
        return fromConfig(cfg, InverseTimeDecay::new);
    }

    @Override
    double rateAt(double p) {
        return initialLearningRate / (1 + decayRate * p);
    }

    @Override
    public String identifier() {
        return "InverseTimeDecay";
    }
}
