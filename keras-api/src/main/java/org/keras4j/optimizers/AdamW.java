package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * AdamW, as Keras's: Adam plus decoupled weight decay. Each step first shrinks every trainable
 * variable (kernels and biases) by {@code w -= lr * weight_decay * w}, then applies Adam's
 * update {@code w -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)}; the decay never enters
 * the gradient or the moments, and adds nothing to the loss.
 *
 * <p>Defaults: learning rate 1e-3, weight decay 0.004, beta1 0.9, beta2 0.999, epsilon 1e-7,
 * amsgrad false.
 *
 * <pre>{@code
 * model.compile(new AdamW(1e-3, 1e-2), "mse");
 * }</pre>
 */
public final class AdamW extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    public AdamW() {
        this(1e-3);
    }

    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, 0.9, 0.999, 1e-7, false);
    }

    /**
     * @throws IllegalArgumentException if weightDecay is negative, a beta is outside [0, 1) or
     *     epsilon is not positive
     */
    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate);
        withWeightDecay(weightDecay);
        requireInRange("beta1", beta1, 0, 1);
        requireInRange("beta2", beta2, 0, 1);
        requirePositive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.amsgrad = amsgrad;
    }

    static AdamW fromConfig(Map<String, Object> cfg) {
        AdamW adamw = new AdamW(Configs.getDouble(cfg, "learning_rate", 1e-3), Configs.getDouble(cfg, "weight_decay", 0.004),
                Configs.getDouble(cfg, "beta_1", 0.9), Configs.getDouble(cfg, "beta_2", 0.999),
                Configs.getDouble(cfg, "epsilon", 1e-7), Configs.getBoolean(cfg, "amsgrad", false));
        adamw.applyCommonOptions(cfg);
        return adamw;
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
        return "adamw";
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
