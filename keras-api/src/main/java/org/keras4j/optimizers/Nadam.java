package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

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
public final class Nadam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Nadam() {
        this(1e-3);
    }

    public Nadam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /**
     * @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive
     */
    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        requireInRange("beta1", beta1, 0, 1);
        requireInRange("beta2", beta2, 0, 1);
        requirePositive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    static Nadam fromConfig(Map<String, Object> cfg) {
        Nadam nadam = new Nadam(Configs.getDouble(cfg, "learning_rate", 1e-3), Configs.getDouble(cfg, "beta_1", 0.9),
                Configs.getDouble(cfg, "beta_2", 0.999), Configs.getDouble(cfg, "epsilon", 1e-7));
        nadam.applyCommonOptions(cfg);
        return nadam;
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
    public String identifier() {
        return "nadam";
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
