package org.keras4j.optimizers.schedules;

import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Cosine decay with an optional linear warm-up, as Keras's {@code CosineDecay} (Loshchilov &amp;
 * Hutter, SGDR). Without warm-up target:
 * {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)}.
 * With {@code withWarmup(target, warmupSteps)}: for {@code step < warmupSteps} the rate rises
 * linearly, {@code initial + (target - initial) * step / warmupSteps}; afterwards it decays from
 * {@code target} as above over {@code step - warmupSteps} (capped at {@code decaySteps}).
 *
 * <p>Defaults: {@code alpha} 0 (decay to zero), no warm-up.
 *
 * <pre>{@code
 * // 1000 warm-up steps from 0 to 0.1, then a cosine down to 0 over 10000 steps
 * LearningRateSchedule s = new CosineDecay(0.0, 10000).withWarmup(0.1, 1000);
 * }</pre>
 */
public final class CosineDecay extends DecaySchedule {
    private double alpha;
    private Double warmupTarget;
    private double warmupSteps;

    /**
     * @throws IllegalArgumentException if {@code decaySteps <= 0} or the rate is not finite
     */
    public CosineDecay(double initialLearningRate, double decaySteps) {
        super(initialLearningRate, decaySteps);
    }

    static CosineDecay fromConfig(Map<String, Object> cfg) {
        CosineDecay s = new CosineDecay(initialLearningRate(cfg), decaySteps(cfg))
                .withAlpha(Configs.getDouble(cfg, "alpha", 0.0));
        Double target = Configs.getNullableDouble(cfg, "warmup_target");
        if (target != null) {
            s.withWarmup(target, Configs.getDouble(cfg, "warmup_steps", 0.0));
        }
        return s;
    }

    /** The floor of the decay as a fraction of the rate it decays from; default 0. */
    public CosineDecay withAlpha(double alpha) {
        Schedules.requireFinite("alpha", alpha);
        this.alpha = alpha;
        return this;
    }

    /**
     * Rises linearly from {@code initialLearningRate} to {@code warmupTarget} over
     * {@code warmupSteps}, then decays from {@code warmupTarget}.
     *
     * @throws IllegalArgumentException if the target is not finite or {@code warmupSteps < 0}
     */
    public CosineDecay withWarmup(double warmupTarget, double warmupSteps) {
        Schedules.requireFinite("warmupTarget", warmupTarget);
        Schedules.requireNonNegative("warmupSteps", warmupSteps);
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
        return this;
    }

    @Override
    double decayedRate(long step) {
        double t = step;
        if (warmupTarget == null) {
            return decay(Math.min(t, decaySteps), initialLearningRate);
        }
        t = Math.min(t, decaySteps + warmupSteps);
        if (t < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (t / warmupSteps) + initialLearningRate;
        }
        return decay(t - warmupSteps, warmupTarget);
    }

    private double decay(double t, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * (t / decaySteps)));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String identifier() {
        return "CosineDecay";
    }

    @Override
    void putArguments(Map<String, Object> cfg) {
        cfg.put("alpha", alpha);
        cfg.put("warmup_target", warmupTarget);
        cfg.put("warmup_steps", warmupSteps);
    }
}
