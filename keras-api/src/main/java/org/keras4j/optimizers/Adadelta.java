package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Adadelta, as Keras's (with a learning rate, unlike the paper and DL4J's AdaDelta):
 * {@code Eg = rho*Eg + (1-rho)*g^2; d = -sqrt(Edx + eps) / sqrt(Eg + eps) * g;
 * Edx = rho*Edx + (1-rho)*d^2; w += lr * d}. Use learning rate 1.0 for the paper's form.
 *
 * <p>Defaults: learning rate 1e-3, rho 0.95, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adadelta(1.0), "mse");
 * }</pre>
 */
public final class Adadelta extends Optimizer {
    private final double rho;
    private final double epsilon;

    public Adadelta() {
        this(1e-3);
    }

    public Adadelta(double learningRate) {
        this(learningRate, 0.95, 1e-7);
    }

    /**
     * @throws IllegalArgumentException if rho is outside [0, 1) or epsilon is not positive
     */
    public Adadelta(double learningRate, double rho, double epsilon) {
        super(learningRate);
        requireInRange("rho", rho, 0, 1);
        requirePositive("epsilon", epsilon);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    static Adadelta fromConfig(Map<String, Object> cfg) {
        Adadelta adadelta = new Adadelta(Configs.getDouble(cfg, "learning_rate", 1e-3), Configs.getDouble(cfg, "rho", 0.95),
                Configs.getDouble(cfg, "epsilon", 1e-7));
        adadelta.applyCommonOptions(cfg);
        return adadelta;
    }

    public double rho() {
        return rho;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public String identifier() {
        return "adadelta";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("rho", rho);
        cfg.put("epsilon", epsilon);
        return cfg;
    }
}
