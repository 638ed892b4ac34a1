package org.keras4j.optimizers;

import java.util.Map;

/**
 * Adamax (Adam with the infinity norm), as Keras's: {@code m = b1*m + (1-b1)*g;
 * u = max(b2*u, |g|); w -= lr / (1-b1^t) * m / (u + eps)}.
 *
 * <p>Defaults: learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adamax(2e-3), "mse");
 * }</pre>
 */
public final class Adamax extends AdaptiveMomentOptimizer {
    public Adamax() {
        this(DEFAULT_LEARNING_RATE);
    }

    public Adamax(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive
     */
    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    static Adamax fromConfig(Map<String, Object> cfg) {
        return fromConfig(cfg, Adamax::new);
    }

    @Override
    public String identifier() {
        return "adamax";
    }
}
