package org.keras4j.optimizers;

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
public final class AdamW extends AdaptiveMomentOptimizer {
    private static final double DEFAULT_WEIGHT_DECAY = 0.004;

    private final boolean amsgrad;

    public AdamW() {
        this(DEFAULT_LEARNING_RATE);
    }

    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /**
     * @throws IllegalArgumentException if weightDecay is negative, a beta is outside [0, 1) or
     *     epsilon is not positive
     */
    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate, beta1, beta2, epsilon);
        withWeightDecay(weightDecay);
        this.amsgrad = amsgrad;
    }

    static AdamW fromConfig(Map<String, Object> cfg) {
        double weightDecay = Configs.getDouble(cfg, "weight_decay", DEFAULT_WEIGHT_DECAY);
        boolean amsgrad = Configs.getBoolean(cfg, "amsgrad", false);
        return fromConfig(cfg, (lr, beta1, beta2, epsilon) -> new AdamW(lr, weightDecay, beta1, beta2, epsilon, amsgrad));
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
        Map<String, Object> cfg = super.hyperParameters();
        cfg.put("amsgrad", amsgrad);
        return cfg;
    }
}
