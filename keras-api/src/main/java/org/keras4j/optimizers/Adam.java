package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Adam, as Keras's: {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
 * w -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)}. With {@code amsgrad}, {@code v} in
 * the last step is replaced by its running maximum.
 *
 * <p>Defaults: learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-4), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    public Adam() {
        this(1e-3);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, false);
    }

    /**
     * @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate);
        requireInRange("beta1", beta1, 0, 1);
        requireInRange("beta2", beta2, 0, 1);
        requirePositive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.amsgrad = amsgrad;
    }

    static Adam fromConfig(Map<String, Object> cfg) {
        Adam adam = new Adam(Configs.getDouble(cfg, "learning_rate", 1e-3), Configs.getDouble(cfg, "beta_1", 0.9),
                Configs.getDouble(cfg, "beta_2", 0.999), Configs.getDouble(cfg, "epsilon", 1e-7),
                Configs.getBoolean(cfg, "amsgrad", false));
        adam.applyCommonOptions(cfg);
        return adam;
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

    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    public String identifier() {
        return "adam";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("beta_1", beta1);
        cfg.put("beta_2", beta2);
        cfg.put("epsilon", epsilon);
        cfg.put("amsgrad", amsgrad);
        return cfg;
    }
}
