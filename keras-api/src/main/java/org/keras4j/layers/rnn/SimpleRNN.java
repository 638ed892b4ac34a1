package org.keras4j.layers.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * A fully-connected recurrent layer, as Keras's {@code SimpleRNN}: per time step
 * {@code h = activation(x·W + h·U + b)}, starting from zero {@code h}.
 *
 * <p>Arguments and defaults as Keras's: {@code units}; {@code activation} tanh;
 * {@code useBias} true; {@code kernelInitializer} glorot_uniform; {@code recurrentInitializer}
 * orthogonal; {@code biasInitializer} zeros; no regularizers; {@code dropout} and
 * {@code recurrentDropout} 0; {@code returnSequences} false. Input
 * {@code (None, timesteps, features)}; output {@code (None, units)}, the last step's {@code h},
 * or with {@code returnSequences} {@code (None, timesteps, units)}. Parameters:
 * {@code units * (features + units) + units}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(20, 3), new SimpleRNN(32).withReturnSequences(true), new SimpleRNN(16));
 * }</pre>
 */
public final class SimpleRNN extends BaseRNN<SimpleRNN> {

    /** A SimpleRNN with tanh activation. */
    public SimpleRNN(int units) {
        this(units, "tanh");
    }

    /**
     * @param activation null means linear
     * @throws IllegalArgumentException if {@code units} is not positive or the activation is unknown
     */
    public SimpleRNN(int units, String activation) {
        this(units, Activations.get(activation));
    }

    public SimpleRNN(int units, ActivationFunction activation) {
        super(units, activation);
    }

    public static SimpleRNN fromConfig(Map<String, Object> cfg) {
        return new SimpleRNN(Configs.getInt(cfg, "units", 1), activationFromConfig(cfg, "activation", "tanh"))
                .applyBaseConfig(cfg);
    }

    @Override
    protected SimpleRNN self() {
        return this;
    }

    @Override
    protected int gates() {
        return 1;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(baseConfig());
        cfg.putAll(weightsConfig());
        cfg.putAll(trailingConfig());
        return cfg;
    }
}
