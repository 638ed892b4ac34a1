package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Stochastic gradient descent, optionally with (Nesterov) momentum, as Keras's {@code SGD}:
 * {@code v = momentum * v - lr * g; w += v} (Nesterov: {@code w += momentum * v - lr * g}).
 *
 * <p>Defaults: learning rate 0.01, momentum 0, nesterov false.
 *
 * <pre>{@code
 * model.compile(new SGD(0.1, 0.9, true), "mse");
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    public SGD(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        requireInRange("momentum", momentum, 0, 1);
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    static SGD fromConfig(Map<String, Object> cfg) {
        SGD sgd = new SGD(Configs.getDouble(cfg, "learning_rate", 0.01), Configs.getDouble(cfg, "momentum", 0.0),
                Configs.getBoolean(cfg, "nesterov", false));
        sgd.applyCommonOptions(cfg);
        return sgd;
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String identifier() {
        return "sgd";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("momentum", momentum);
        cfg.put("nesterov", nesterov);
        return cfg;
    }
}
