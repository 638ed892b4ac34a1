package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

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
public final class Adamax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adamax() {
        this(1e-3);
    }

    public Adamax(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /**
     * @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive
     */
    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        requireInRange("beta1", beta1, 0, 1);
        requireInRange("beta2", beta2, 0, 1);
        requirePositive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    static Adamax fromConfig(Map<String, Object> cfg) {
        Adamax adamax = new Adamax(Configs.getDouble(cfg, "learning_rate", 1e-3), Configs.getDouble(cfg, "beta_1", 0.9),
                Configs.getDouble(cfg, "beta_2", 0.999), Configs.getDouble(cfg, "epsilon", 1e-7));
        adamax.applyCommonOptions(cfg);
        return adamax;
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
        return "adamax";
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
