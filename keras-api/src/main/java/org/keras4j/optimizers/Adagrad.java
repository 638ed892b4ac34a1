package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configs;

/**
 * Adagrad, as Keras's: {@code acc += g^2; w -= lr * g / sqrt(acc + eps)}, with {@code acc}
 * starting at {@code initialAccumulatorValue}.
 *
 * <p>Defaults: learning rate 1e-3, initial accumulator value 0.1, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adagrad(0.01), "mse");
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private final double initialAccumulatorValue;
    private final double epsilon;

    public Adagrad() {
        this(1e-3);
    }

    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    /**
     * @throws IllegalArgumentException if initialAccumulatorValue is negative or epsilon is not positive
     */
    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        requireNonNegative("initialAccumulatorValue", initialAccumulatorValue);
        requirePositive("epsilon", epsilon);
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    static Adagrad fromConfig(Map<String, Object> cfg) {
        Adagrad adagrad = new Adagrad(Configs.getDouble(cfg, "learning_rate", 1e-3),
                Configs.getDouble(cfg, "initial_accumulator_value", 0.1), Configs.getDouble(cfg, "epsilon", 1e-7));
        adagrad.applyCommonOptions(cfg);
        return adagrad;
    }

    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public String identifier() {
        return "adagrad";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("initial_accumulator_value", initialAccumulatorValue);
        cfg.put("epsilon", epsilon);
        return cfg;
    }
}
