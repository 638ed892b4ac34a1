package org.keras4j.optimizers;

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
public final class Adam extends AdaptiveMomentOptimizer {
    private final boolean amsgrad;

    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, false);
    }

    /**
     * @throws IllegalArgumentException if a beta is outside [0, 1) or epsilon is not positive
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate, beta1, beta2, epsilon);
        this.amsgrad = amsgrad;
    }

    static Adam fromConfig(Map<String, Object> cfg) {
        boolean amsgrad = Configs.getBoolean(cfg, "amsgrad", false);
        return fromConfig(cfg, (lr, beta1, beta2, epsilon) -> new Adam(lr, beta1, beta2, epsilon, amsgrad));
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
        Map<String, Object> cfg = super.hyperParameters();
        cfg.put("amsgrad", amsgrad);
        return cfg;
    }
}
