package org.keras4j.layers.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * Long short-term memory (Hochreiter 1997), as Keras's {@code LSTM}. Per time step, with the
 * kernels split into the gate blocks i, f, c, o:
 * <pre>
 * i = recurrentActivation(x·W_i + h·U_i + b_i)     f = recurrentActivation(x·W_f + h·U_f + b_f)
 * c = f * c + i * activation(x·W_c + h·U_c + b_c)  o = recurrentActivation(x·W_o + h·U_o + b_o)
 * h = o * activation(c)
 * </pre>
 * starting from zero {@code h} and {@code c}.
 *
 * <p>Arguments and defaults as Keras's: {@code units}; {@code activation} tanh;
 * {@code recurrentActivation} sigmoid; {@code useBias} true; {@code kernelInitializer}
 * glorot_uniform; {@code recurrentInitializer} orthogonal; {@code biasInitializer} zeros;
 * {@code unitForgetBias} true (the forget-gate bias starts at 1); no regularizers;
 * {@code dropout} and {@code recurrentDropout} 0; {@code returnSequences} false. Input
 * {@code (None, timesteps, features)}; output {@code (None, units)}, the last step's {@code h},
 * or with {@code returnSequences} {@code (None, timesteps, units)}. Parameters:
 * {@code 4 * (units * (features + units) + units)}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(50, 64), new LSTM(128), new Dense(10, "softmax"));
 * }</pre>
 */
public final class LSTM extends BaseRNN<LSTM> {
    private ActivationFunction recurrentActivation = Activations.get("sigmoid");
    private boolean unitForgetBias = true;

    /** An LSTM with tanh activation. */
    public LSTM(int units) {
        this(units, "tanh");
    }

    /**
     * @param activation null means linear
     * @throws IllegalArgumentException if {@code units} is not positive or the activation is unknown
     */
    public LSTM(int units, String activation) {
        this(units, Activations.get(activation));
    }

    public LSTM(int units, ActivationFunction activation) {
        super(units, activation);
    }

    public static LSTM fromConfig(Map<String, Object> cfg) {
        LSTM l = new LSTM(Configs.getInt(cfg, "units", 1), activationFromConfig(cfg, "activation", "tanh"));
        l.recurrentActivation = activationFromConfig(cfg, "recurrent_activation", "sigmoid");
        l.unitForgetBias = Configs.getBoolean(cfg, "unit_forget_bias", true);
        return l.applyBaseConfig(cfg);
    }

    @Override
    protected LSTM self() {
        return this;
    }

    @Override
    protected int gates() {
        return 4;
    }

    /** Two: the output {@code h}, then the cell state {@code c}. */
    @Override
    public int stateCount() {
        return 2;
    }

    /** The gates' activation. */
    public ActivationFunction recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the forget-gate bias starts at 1 (Jozefowicz 2015) instead of the bias initializer. */
    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    /** @throws IllegalArgumentException for an unknown activation name */
    public LSTM withRecurrentActivation(String activation) {
        this.recurrentActivation = Activations.get(activation);
        return this;
    }

    /** The gates' activation; null means linear. */
    public LSTM withRecurrentActivation(ActivationFunction activation) {
        this.recurrentActivation = activation == null ? Activations.linear() : activation;
        return this;
    }

    public LSTM withUnitForgetBias(boolean unitForgetBias) {
        this.unitForgetBias = unitForgetBias;
        return this;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(baseConfig());
        cfg.put("recurrent_activation", Configs.serialize(recurrentActivation));
        cfg.putAll(weightsConfig());
        cfg.put("unit_forget_bias", unitForgetBias);
        cfg.putAll(trailingConfig());
        return cfg;
    }
}
