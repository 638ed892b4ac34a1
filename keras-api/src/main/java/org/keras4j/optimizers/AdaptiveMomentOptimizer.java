package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Base of the Adam family (Adam, AdamW, Adamax, Nadam): the decay rates {@code beta1} of the
 * first moment and {@code beta2} of the second moment (or infinity norm), and {@code epsilon},
 * with Keras's defaults 0.9, 0.999 and 1e-7 and their validation and config entries.
 *
 * <pre>{@code
 * Adam adam = new Adam(1e-3, 0.9, 0.98, 1e-9);
 * double b2 = adam.beta2();   // 0.98
 * }</pre>
 */
abstract class AdaptiveMomentOptimizer extends Optimizer {
    static final double DEFAULT_LEARNING_RATE = 1e-3;
    static final double DEFAULT_BETA1 = 0.9;
    static final double DEFAULT_BETA2 = 0.999;
    static final double DEFAULT_EPSILON = 1e-7;

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** A constructor of one optimizer of the family from its shared arguments. */
    @FunctionalInterface
    interface Factory<O extends AdaptiveMomentOptimizer> {
        O create(double learningRate, double beta1, double beta2, double epsilon);
    }

    /** @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive */
    AdaptiveMomentOptimizer(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        requireInRange("beta1", beta1, 0, 1);
        requireInRange("beta2", beta2, 0, 1);
        requirePositive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Rebuilds an optimizer from a saved config, the missing entries taking Keras's defaults. */
    static <O extends AdaptiveMomentOptimizer> O fromConfig(Map<String, Object> cfg, Factory<O> factory) {
        O optimizer = factory.create(Configs.getDouble(cfg, "learning_rate", DEFAULT_LEARNING_RATE),
                Configs.getDouble(cfg, "beta_1", DEFAULT_BETA1), Configs.getDouble(cfg, "beta_2", DEFAULT_BETA2),
                Configs.getDouble(cfg, "epsilon", DEFAULT_EPSILON));
        optimizer.applyCommonOptions(cfg);
        return optimizer;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("beta_1", beta1);
        cfg.put("beta_2", beta2);
        cfg.put("epsilon", epsilon);
        return cfg;
    }
}
