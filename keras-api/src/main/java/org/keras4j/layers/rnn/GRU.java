package org.keras4j.layers.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * Gated recurrent unit (Cho 2014), as Keras's {@code GRU}. Per time step, with the kernels split
 * into the gate blocks z (update), r (reset), h (candidate):
 * <pre>
 * z = recurrentActivation(x·W_z + b_z + h·U_z + b'_z)     r = recurrentActivation(x·W_r + b_r + h·U_r + b'_r)
 * hh = activation(x·W_h + b_h + r * (h·U_h + b'_h))        (resetAfter, the default)
 * hh = activation(x·W_h + b_h + (r * h)·U_h)               (resetAfter = false)
 * h = z * h + (1 - z) * hh
 * </pre>
 * starting from zero {@code h}; {@code b} is the input bias and {@code b'} the recurrent bias,
 * which exists only with {@code resetAfter}.
 *
 * <p>Arguments and defaults as Keras's: {@code units}; {@code activation} tanh;
 * {@code recurrentActivation} sigmoid; {@code useBias} true; {@code kernelInitializer}
 * glorot_uniform; {@code recurrentInitializer} orthogonal; {@code biasInitializer} zeros; no
 * regularizers; {@code dropout} and {@code recurrentDropout} 0; {@code returnSequences} false;
 * {@code resetAfter} true; and {@link BaseRNN}'s {@code returnState}, {@code goBackwards},
 * {@code stateful}. Weights in Keras's layout: kernel {@code (features, 3 * units)}, recurrent
 * kernel {@code (units, 3 * units)}, bias {@code (2, 3 * units)} with {@code resetAfter} (row 0
 * the input bias, row 1 the recurrent bias) or {@code (3 * units)} without. Parameters:
 * {@code 3 * (units * (features + units) + 2 * units)} with {@code resetAfter}, {@code
 * 3 * (units * (features + units) + units)} without.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(50, 64), new GRU(128), new Dense(10, "softmax"));
 * }</pre>
 */
public final class GRU extends BaseRNN<GRU> {
    private ActivationFunction recurrentActivation = Activations.get("sigmoid");
    private boolean resetAfter = true;

    /** A GRU with tanh activation. */
    public GRU(int units) {
        this(units, "tanh");
    }

    /**
     * @param activation null means linear
     * @throws IllegalArgumentException if {@code units} is not positive or the activation is unknown
     */
    public GRU(int units, String activation) {
        this(units, Activations.get(activation));
    }

    public GRU(int units, ActivationFunction activation) {
        super(units, activation);
    }

    public static GRU fromConfig(Map<String, Object> cfg) {
        GRU g = new GRU(Configs.getInt(cfg, "units", 1), activationFromConfig(cfg, "activation", "tanh"));
        g.recurrentActivation = activationFromConfig(cfg, "recurrent_activation", "sigmoid");
        g.resetAfter = Configs.getBoolean(cfg, "reset_after", true);
        return g.applyBaseConfig(cfg);
    }

    @Override
    protected GRU self() {
        return this;
    }

    @Override
    protected int gates() {
        return 3;
    }

    /** The gates' activation. */
    public ActivationFunction recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the reset gate multiplies the recurrent product (true, Keras's default and cuDNN's) or the state. */
    public boolean resetAfter() {
        return resetAfter;
    }

    /** @throws IllegalArgumentException for an unknown activation name */
    public GRU withRecurrentActivation(String activation) {
        this.recurrentActivation = Activations.get(activation);
        return this;
    }

    /** The gates' activation; null means linear. */
    public GRU withRecurrentActivation(ActivationFunction activation) {
        this.recurrentActivation = activation == null ? Activations.linear() : activation;
        return this;
    }

    public GRU withResetAfter(boolean resetAfter) {
        this.resetAfter = resetAfter;
        return this;
    }

    /** Keras's bias shape: {@code (2, 3 * units)} with {@code resetAfter}, {@code (3 * units)} without. */
    public long[] biasShape() {
        return resetAfter ? new long[] {2, 3L * units()} : new long[] {3L * units()};
    }

    /** Keras's count: {@code 3 * (units * (features + units) + units)}, plus {@code 3 * units} recurrent biases with {@code resetAfter}. */
    @Override
    public long countTrainableParams(Shape inputShape) {
        long kernels = 3L * units() * (inputShape.last() + units());
        long biases = useBias() ? 3L * units() * (resetAfter ? 2 : 1) : 0;
        return kernels + biases;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>(baseConfig());
        cfg.put("recurrent_activation", Configs.serialize(recurrentActivation));
        cfg.putAll(weightsConfig());
        cfg.putAll(trailingConfig());
        cfg.put("reset_after", resetAfter);
        return cfg;
    }
}
