package org.keras4j.optimizers;

import java.util.Map;

/**
 * Nadam (Adam with Nesterov momentum), as Keras's, including its momentum-cache schedule
 * {@code u_t = b1 * (1 - 0.5 * 0.96^t)}:
 * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
 * m_hat = u_{t+1}*m / (1 - prod(u_1..u_{t+1})) + (1-u_t)*g / (1 - prod(u_1..u_t));
 * w -= lr * m_hat / (sqrt(v / (1-b2^t)) + eps)}.
 *
 * <p>Defaults: learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Nadam(2e-3), "mse");
 * }</pre>
 */
public final class Nadam extends AdaptiveMomentOptimizer {
    public Nadam() {
        this(DEFAULT_LEARNING_RATE);
    }

    public Nadam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive
     */
    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    static Nadam fromConfig(Map<String, Object> cfg) {
        return fromConfig(cfg, Nadam::new);
    }

    @Override
    public String identifier() {
        return "nadam";
    }
}
