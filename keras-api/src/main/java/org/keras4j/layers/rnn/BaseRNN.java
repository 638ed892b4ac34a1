package org.keras4j.layers.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.engine.LayerStates;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.layers.Layer;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configs;

/**
 * What Keras's recurrent layers share: {@code units}; {@code activation} (tanh); {@code useBias}
 * (true); {@code kernelInitializer} (glorot_uniform), {@code recurrentInitializer} (orthogonal),
 * {@code biasInitializer} (zeros); kernel, recurrent and bias regularizers (none);
 * {@code dropout} and {@code recurrentDropout} (0); {@code returnSequences} (false);
 * {@code returnState} (false); {@code goBackwards} (false: process the sequence reversed, and
 * return the outputs in that processing order); {@code stateful} (false: the last state of a
 * batch is the next batch's initial state, until {@code resetStates}); {@code zeroOutputForMask}
 * (false: a masked step outputs the previous step's output; true: zeros). Input:
 * {@code (None, timesteps, features)}; output {@code (None, units)}, or {@code (None,
 * timesteps, units)} with {@code returnSequences}; with {@code returnState} the final states
 * ({@link #stateCount()} of them, each {@code (None, units)}) follow the output.
 *
 * <pre>{@code
 * new LSTM(64).withReturnSequences(true).withKernelRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 *
 * @param <T> the concrete layer, returned by the {@code with*} setters
 */
public abstract class BaseRNN<T extends BaseRNN<T>> extends Layer {
    private final int units;
    private ActivationFunction activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.get("orthogonal");
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer recurrentRegularizer;
    private Regularizer biasRegularizer;
    private double dropout;
    private double recurrentDropout;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private boolean zeroOutputForMask;
    /** The compiled layer's states, bound by the model that used it last; null before any compile. */
    private LayerStates states;

    /**
     * @param activation null means linear, as Keras's {@code activation=None}
     * @throws IllegalArgumentException if {@code units} is not positive
     */
    protected BaseRNN(int units, ActivationFunction activation) {
        if (units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " units must be a positive integer, got " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activations.linear() : activation;
    }

    /** {@code this}, typed as the concrete layer. */
    protected abstract T self();

    /** Number of weight blocks side by side in the kernels: 4 for LSTM (i, f, c, o), 1 for SimpleRNN. */
    protected abstract int gates();

    public int units() {
        return units;
    }

    public ActivationFunction activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer recurrentInitializer() {
        return recurrentInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    public Regularizer recurrentRegularizer() {
        return recurrentRegularizer;
    }

    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** Fraction of the input units to drop. */
    public double dropout() {
        return dropout;
    }

    /** Fraction of the recurrent state units to drop. */
    public double recurrentDropout() {
        return recurrentDropout;
    }

    /** Whether the layer outputs every time step's state, not only the last one. */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** Whether the layer also returns its final states ({@link #stateCount()} arrays {@code (None, units)}). */
    public boolean returnState() {
        return returnState;
    }

    /** Whether the sequence is processed from its last step to its first. */
    public boolean goBackwards() {
        return goBackwards;
    }

    /** Whether the final states of a batch are the initial states of the next one. */
    public boolean stateful() {
        return stateful;
    }

    /** Whether a masked time step outputs zeros instead of the previous step's output. */
    public boolean zeroOutputForMask() {
        return zeroOutputForMask;
    }

    /** The number of state arrays the layer carries: 2 for LSTM ({@code h}, {@code c}), 1 otherwise. */
    public int stateCount() {
        return 1;
    }

    /** Keras's shape of the input kernel, {@code (features, gates * units)}. */
    public long[] kernelShape(long features) {
        return new long[] {features, (long) gates() * units};
    }

    /** Keras's shape of the recurrent kernel, {@code (units, gates * units)}. */
    public long[] recurrentKernelShape() {
        return new long[] {units, (long) gates() * units};
    }

    @Override
    public T withName(String name) {
        super.withName(name);
        return self();
    }

    @Override
    public T withInputShape(long... dims) {
        super.withInputShape(dims);
        return self();
    }

    /** @throws IllegalArgumentException for an unknown activation name */
    public T withActivation(String activation) {
        this.activation = Activations.get(activation);
        return self();
    }

    /** The activation; null means linear, as in Keras. */
    public T withActivation(ActivationFunction activation) {
        this.activation = activation == null ? Activations.linear() : activation;
        return self();
    }

    public T withUseBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    public T withKernelInitializer(String name) {
        return withKernelInitializer(Initializers.get(name));
    }

    public T withKernelInitializer(Initializer initializer) {
        this.kernelInitializer = requireNonNull(initializer, "kernelInitializer");
        return self();
    }

    public T withRecurrentInitializer(String name) {
        return withRecurrentInitializer(Initializers.get(name));
    }

    public T withRecurrentInitializer(Initializer initializer) {
        this.recurrentInitializer = requireNonNull(initializer, "recurrentInitializer");
        return self();
    }

    public T withBiasInitializer(String name) {
        return withBiasInitializer(Initializers.get(name));
    }

    public T withBiasInitializer(Initializer initializer) {
        this.biasInitializer = requireNonNull(initializer, "biasInitializer");
        return self();
    }

    public T withKernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return self();
    }

    public T withRecurrentRegularizer(Regularizer regularizer) {
        this.recurrentRegularizer = regularizer;
        return self();
    }

    public T withBiasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        return self();
    }

    /** @throws IllegalArgumentException unless {@code 0 <= rate < 1} */
    public T withDropout(double rate) {
        this.dropout = checkRate(rate, "dropout");
        return self();
    }

    /** @throws IllegalArgumentException unless {@code 0 <= rate < 1} */
    public T withRecurrentDropout(double rate) {
        this.recurrentDropout = checkRate(rate, "recurrentDropout");
        return self();
    }

    public T withReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
        return self();
    }

    public T withReturnState(boolean returnState) {
        this.returnState = returnState;
        return self();
    }

    public T withGoBackwards(boolean goBackwards) {
        this.goBackwards = goBackwards;
        return self();
    }

    public T withStateful(boolean stateful) {
        this.stateful = stateful;
        return self();
    }

    public T withZeroOutputForMask(boolean zeroOutputForMask) {
        this.zeroOutputForMask = zeroOutputForMask;
        return self();
    }

    /**
     * Keras's {@code reset_states()}: a {@code stateful} layer's next call starts from zero states
     * again instead of the last call's final states (for any layer, step-by-step prediction's
     * stored state is forgotten too). {@code Model.resetStates()} does it for every stateful layer.
     *
     * <pre>{@code
     * LSTM lstm = new LSTM(32).withStateful(true);
     * ...                                   // compile, then predict one chunk of each sequence per call
     * lstm.resetStates();                   // before the next sequences
     * }</pre>
     *
     * @throws IllegalStateException before the layer's model is compiled (it has no states yet)
     */
    public void resetStates() {
        if (states == null) {
            throw new IllegalStateException(describe() + " has no states yet: keras4j creates them when its model is"
                    + " compiled; call compile() on the model first");
        }
        states.reset();
    }

    /** Called by the model that compiles (or last runs) this layer, to reach its states. */
    public void bindStates(LayerStates states) {
        this.states = states;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 2, inputShape.rank() == 1
                ? "expected (timesteps, features); add a Reshape before it, e.g. Reshape(" + inputShape.get(0) + ", 1)"
                : "expected (timesteps, features)");
        return returnSequences ? Shape.of(inputShape.get(0), units) : Shape.of(units);
    }

    /**
     * The output shape of a call on {@code [sequence]} or, as Keras's {@code layer(x,
     * initial_state=[h, c])}, {@code [sequence, h, c]}: the initial states follow the sequence,
     * {@link #stateCount()} of them, each {@code (units)}.
     *
     * @throws IllegalArgumentException for a number or shapes of initial states that do not fit
     */
    @Override
    public Shape computeOutputShape(List<Shape> inputShapes) {
        return computeOutputShapes(inputShapes).get(0);
    }

    /** The output, then with {@code returnState} the {@link #stateCount()} final states, each {@code (units)}. */
    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.isEmpty()) {
            throw new IllegalArgumentException(describe() + " takes a sequence tensor, got none");
        }
        if (inputShapes.size() > 1) {
            if (stateful) {
                throw new IllegalArgumentException(describe() + " is stateful: it keeps its own initial state, so it cannot"
                        + " also be given initial states as inputs");
            }
            if (inputShapes.size() != 1 + stateCount()) {
                throw new IllegalArgumentException(describe() + " takes a sequence and " + stateCount() + " initial state"
                        + (stateCount() == 1 ? "" : "s (h, c)") + ", got " + (inputShapes.size() - 1) + " initial states: "
                        + inputShapes.subList(1, inputShapes.size()));
            }
            for (int i = 1; i < inputShapes.size(); i++) {
                if (!inputShapes.get(i).equals(Shape.of(units))) {
                    throw new IllegalArgumentException(describe() + ": initial state " + (i - 1) + " must have shape "
                            + Shape.of(units) + ", got " + inputShapes.get(i));
                }
            }
        }
        Shape out = computeOutputShape(inputShapes.get(0));
        if (!returnState) {
            return List.of(out);
        }
        List<Shape> all = new java.util.ArrayList<>(List.of(out));
        for (int i = 0; i < stateCount(); i++) {
            all.add(Shape.of(units));
        }
        return List.copyOf(all);
    }

    /** Keras's count: {@code gates * (units * (features + units) + units)}, the last term only with a bias. */
    @Override
    public long countTrainableParams(Shape inputShape) {
        long perGate = units * (inputShape.last() + units) + (useBias ? units : 0);
        return gates() * perGate;
    }

    /** The arguments every recurrent layer saves, in Keras's names and order. */
    protected Map<String, Object> baseConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("units", units);
        cfg.put("activation", Configs.serialize(activation));
        return cfg;
    }

    /** The arguments after the layer-specific ones. */
    protected Map<String, Object> trailingConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("kernel_regularizer", Configs.serialize(kernelRegularizer));
        cfg.put("recurrent_regularizer", Configs.serialize(recurrentRegularizer));
        cfg.put("bias_regularizer", Configs.serialize(biasRegularizer));
        cfg.put("dropout", dropout);
        cfg.put("recurrent_dropout", recurrentDropout);
        cfg.put("return_sequences", returnSequences);
        cfg.put("return_state", returnState);
        cfg.put("go_backwards", goBackwards);
        cfg.put("stateful", stateful);
        cfg.put("zero_output_for_mask", zeroOutputForMask);
        return cfg;
    }

    /** The use_bias and initializer entries. */
    protected Map<String, Object> weightsConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("use_bias", useBias);
        cfg.put("kernel_initializer", Configs.serialize(kernelInitializer));
        cfg.put("recurrent_initializer", Configs.serialize(recurrentInitializer));
        cfg.put("bias_initializer", Configs.serialize(biasInitializer));
        return cfg;
    }

    /**
     * Applies what {@link #baseConfig}, {@link #weightsConfig} and {@link #trailingConfig} wrote
     * (units and activation go to the constructor). Keras's {@code unroll} changes how Keras
     * computes, not what, and is ignored.
     */
    protected T applyBaseConfig(Map<String, Object> cfg) {
        withUseBias(Configs.getBoolean(cfg, "use_bias", true));
        Initializer kernel = Configs.deserialize(cfg.get("kernel_initializer"), Initializers::fromConfig);
        if (kernel != null) {
            withKernelInitializer(kernel);
        }
        Initializer recurrent = Configs.deserialize(cfg.get("recurrent_initializer"), Initializers::fromConfig);
        if (recurrent != null) {
            withRecurrentInitializer(recurrent);
        }
        Initializer bias = Configs.deserialize(cfg.get("bias_initializer"), Initializers::fromConfig);
        if (bias != null) {
            withBiasInitializer(bias);
        }
        withKernelRegularizer(Configs.deserialize(cfg.get("kernel_regularizer"), Regularizers::fromConfig));
        withRecurrentRegularizer(Configs.deserialize(cfg.get("recurrent_regularizer"), Regularizers::fromConfig));
        withBiasRegularizer(Configs.deserialize(cfg.get("bias_regularizer"), Regularizers::fromConfig));
        withDropout(Configs.getDouble(cfg, "dropout", 0.0));
        withRecurrentDropout(Configs.getDouble(cfg, "recurrent_dropout", 0.0));
        withReturnSequences(Configs.getBoolean(cfg, "return_sequences", false));
        withReturnState(Configs.getBoolean(cfg, "return_state", false));
        withGoBackwards(Configs.getBoolean(cfg, "go_backwards", false));
        withStateful(Configs.getBoolean(cfg, "stateful", false));
        withZeroOutputForMask(Configs.getBoolean(cfg, "zero_output_for_mask", false));
        return withSavedName(self(), cfg);
    }

    /** Activation from a saved config: absent means {@code defaultName}, null means linear. */
    protected static ActivationFunction activationFromConfig(Map<String, Object> cfg, String key, String defaultName) {
        return cfg.containsKey(key) ? Configs.deserialize(cfg.get(key), Activations::fromConfig) : Activations.get(defaultName);
    }

    private double checkRate(double rate, String argument) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(className() + " " + argument + " must be in [0, 1), got " + rate);
        }
        return rate;
    }

    protected static <V> V requireNonNull(V value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        return value;
    }
}
