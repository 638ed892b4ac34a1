package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * RMSprop, as Keras's: {@code v = rho*v + (1-rho)*g^2; inc = lr * g / sqrt(v + eps)}, then
 * {@code w -= inc} (with momentum: {@code mom = momentum*mom + inc; w -= mom}). Centered, it also
 * tracks {@code a = rho*a + (1-rho)*g} and divides by {@code sqrt(v - a^2 + eps)}.
 *
 * <p>Defaults: learning rate 1e-3, rho 0.9, momentum 0, epsilon 1e-7, centered false (DL4J's
 * own RmsProp differs: lr 0.1, eps added outside the square root, state starting at eps).
 *
 * <pre>{@code
 * model.compile(new RMSprop(1e-3, 0.9, 0.0, 1e-7, true), "mse");
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;

    public RMSprop() {
        this(1e-3);
    }

    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7, false);
    }

    /**
     * @throws IllegalArgumentException if rho or momentum is outside [0, 1) or epsilon is not positive
     */
    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        requireInRange("rho", rho, 0, 1);
        requireInRange("momentum", momentum, 0, 1);
        requirePositive("epsilon", epsilon);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    static RMSprop fromConfig(Map<String, Object> cfg) {
        RMSprop rmsprop = new RMSprop(Configs.getDouble(cfg, "learning_rate", 1e-3), Configs.getDouble(cfg, "rho", 0.9),
                Configs.getDouble(cfg, "momentum", 0.0), Configs.getDouble(cfg, "epsilon", 1e-7),
                Configs.getBoolean(cfg, "centered", false));
        rmsprop.applyCommonOptions(cfg);
        return rmsprop;
    }

    public double rho() {
        return rho;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    public String identifier() {
        return "rmsprop";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("rho", rho);
        cfg.put("momentum", momentum);
        cfg.put("epsilon", epsilon);
        cfg.put("centered", centered);
        return cfg;
    }
}
