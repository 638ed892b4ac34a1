package org.keras4j.layers.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.utils.Configs;

/**
 * Keras's {@code Bidirectional} wrapper: runs a recurrent layer over the sequence forwards and a
 * copy of it backwards, and merges the two outputs.
 *
 * <p>The forward layer is rebuilt from the wrapped layer's config and named
 * {@code forward_<name>}; the backward layer is another copy, named {@code backward_<name>},
 * that reads the sequence from its last step to its first (Keras's {@code go_backwards}), or the
 * {@code backwardLayer} given. Neither is the object passed in: as in Keras, the wrapper has its
 * own weights. With {@code returnSequences} (taken from the wrapped layer) the backward outputs
 * are reversed back into time order, so step {@code t} merges the forward state after steps
 * {@code 0..t} with the backward state after steps {@code T-1..t}; without, it merges the
 * forward layer's last output with the backward layer's last output, the state after it has
 * read step 0.
 *
 * <p>{@code mergeMode}: {@code "concat"} (the default; the last axis doubles), {@code "sum"},
 * {@code "mul"}, {@code "ave"}, or null, Keras's {@code None}: the two directions' outputs as
 * two tensors, forward then backward ({@code applyAll} in a functional model). Parameters: the forward layer's plus the backward layer's, twice the wrapped layer's
 * count. Weights ({@link #getWeights()}): the forward layer's, then the backward layer's (for an
 * LSTM: kernel, recurrent kernel, bias of each).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Bidirectional(new LSTM(64).withReturnSequences(true)).withInputShape(5, 10),
 *         new Bidirectional(new LSTM(32)),
 *         new Dense(10));                                  // Keras's "Working with RNNs" example
 * }</pre>
 */
public final class Bidirectional extends Layer {
    /** Keras's merge modes that give one output. */
    public static final List<String> MERGE_MODES = List.of("concat", "sum", "mul", "ave");
    private static final String GO_BACKWARDS = "go_backwards";

    private final BaseRNN<?> forwardLayer;
    private final BaseRNN<?> backwardLayer;
    private final String mergeMode;

    /** Concatenates the two directions' outputs. */
    public Bidirectional(BaseRNN<?> layer) {
        this(layer, "concat");
    }

    /**
     * @param mergeMode how the outputs combine: {@code "concat"}, {@code "sum"}, {@code "mul"},
     *     {@code "ave"}, or null for two outputs (Keras's {@code None})
     * @throws IllegalArgumentException for a null layer, or a merge mode not among these
     */
    public Bidirectional(BaseRNN<?> layer, String mergeMode) {
        this(layer, mergeMode, null);
    }

    /**
     * @param backwardLayer the layer that reads the sequence backwards, or null for a copy of
     *     {@code layer}; it must agree with {@code layer} on {@code returnSequences}
     * @throws IllegalArgumentException for a null layer, an unknown merge mode, a layer that
     *     already goes backwards, a backward layer that does not, or different
     *     {@code returnSequences}
     */
    public Bidirectional(BaseRNN<?> layer, String mergeMode, BaseRNN<?> backwardLayer) {
        if (layer == null) {
            throw new IllegalArgumentException("Bidirectional: layer must be a recurrent layer (LSTM, SimpleRNN), got null");
        }
        this.mergeMode = checkMergeMode(mergeMode);
        String base = layer.name() != null ? layer.name() : layer.defaultNamePrefix();
        Map<String, Object> forwardConfig = layer.getConfig();
        if (Configs.getBoolean(forwardConfig, GO_BACKWARDS, false)) {
            throw new IllegalArgumentException("Bidirectional: the wrapped layer " + layer + " must read forwards, got"
                    + " go_backwards=true; the backward copy is made by Bidirectional");
        }
        this.forwardLayer = copy(layer, forwardConfig, "forward_" + removePrefix(base, "forward_"));
        if (backwardLayer == null) {
            this.backwardLayer = copy(layer, forwardConfig, "backward_" + removePrefix(base, "backward_"));
        } else {
            Map<String, Object> backwardConfig = backwardLayer.getConfig();
            if (Boolean.FALSE.equals(backwardConfig.get(GO_BACKWARDS))) {
                throw new IllegalArgumentException("Bidirectional: backwardLayer " + backwardLayer + " must have"
                        + " go_backwards=true (the forward layer reads forwards), got false");
            }
            String name = backwardLayer.name() != null ? backwardLayer.name()
                    : "backward_" + removePrefix(backwardLayer.defaultNamePrefix(), "backward_");
            this.backwardLayer = copy(backwardLayer, backwardConfig, name);
        }
        if (forwardLayer.returnSequences() != this.backwardLayer.returnSequences()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must have the same"
                    + " returnSequences, got " + forwardLayer.returnSequences() + " for the forward layer and "
                    + this.backwardLayer.returnSequences() + " for the backward layer");
        }
    }

    /**
     * Rebuilds the wrapper from Keras's config: {@code layer}, {@code merge_mode} (default
     * {@code "concat"}) and the optional {@code backward_layer}, each layer as
     * {@code {"class_name": ..., "config": {...}}}.
     *
     * @throws IllegalArgumentException if {@code layer} is missing or not a recurrent layer, or for
     *     what the constructor rejects
     */
    public static Bidirectional fromConfig(Map<String, Object> cfg) {
        BaseRNN<?> layer = recurrent(cfg, "layer", false, false);
        BaseRNN<?> backward = recurrent(cfg, "backward_layer", true, true);
        Object mergeMode = cfg.containsKey("merge_mode") ? cfg.get("merge_mode") : "concat";
        if (mergeMode != null && !(mergeMode instanceof String)) {
            throw Configs.mistyped("merge_mode", "a string or null", mergeMode);
        }
        return withSavedName(new Bidirectional(layer, (String) mergeMode, backward), cfg);
    }

    /** The layer reading the sequence from its first step, {@code forward_<name>}. */
    public BaseRNN<?> forwardLayer() {
        return forwardLayer;
    }

    /**
     * The layer reading the sequence from its last step, {@code backward_<name>}; its own outputs
     * are in the order it reads the steps.
     */
    public BaseRNN<?> backwardLayer() {
        return backwardLayer;
    }

    /** {@code "concat"}, {@code "sum"}, {@code "mul"} or {@code "ave"}. */
    public String mergeMode() {
        return mergeMode;
    }

    /**
     * Keras's {@code reset_states()}: both layers' next call starts from zero states.
     *
     * @throws IllegalStateException if the wrapped layer is not {@code stateful}, or before the
     *     model is compiled
     */
    public void resetStates() {
        if (!forwardLayer.stateful()) {
            throw new IllegalStateException(describe() + " is not stateful: only a stateful layer keeps states between"
                    + " calls; wrap a layer built withStateful(true)");
        }
        forwardLayer.resetStates();
        backwardLayer.resetStates();
    }

    /** Whether the wrapper outputs every time step (the wrapped layer's {@code returnSequences}). */
    public boolean returnSequences() {
        return forwardLayer.returnSequences();
    }

    @Override
    public Bidirectional withName(String name) {
        super.withName(name);
        return this;
    }

    @Override
    public Bidirectional withInputShape(long... dims) {
        super.withInputShape(dims);
        return this;
    }

    /** The forward layer's output shape, its last axis doubled by {@code "concat"}. */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 2, "expected (timesteps, features)");
        Shape out = forwardLayer.computeOutputShape(inputShape);
        if (!"concat".equals(mergeMode)) {
            return out;
        }
        long[] dims = out.dims();
        dims[dims.length - 1] *= 2;
        return Shape.of(dims);
    }

    /** One output, or without a merge mode (Keras's None) two: the forward and the backward direction's. */
    @Override
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape out = computeOutputShape(inputShapes);
        return mergeMode == null ? List.of(out, out) : List.of(out);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return forwardLayer.countTrainableParams(inputShape) + backwardLayer.countTrainableParams(inputShape);
    }

    @Override
    public long countNonTrainableParams(Shape inputShape) {
        return forwardLayer.countNonTrainableParams(inputShape) + backwardLayer.countNonTrainableParams(inputShape);
    }

    /** Keras's keys: {@code merge_mode}, {@code layer}, {@code backward_layer} (with {@code go_backwards=true}). */
    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("merge_mode", mergeMode);
        cfg.put("layer", Configs.serialize(forwardLayer));
        Map<String, Object> backward = Configs.serialize(backwardLayer);
        @SuppressWarnings("unchecked")
        Map<String, Object> backwardConfig = new LinkedHashMap<>((Map<String, Object>) backward.get("config"));
        backwardConfig.put(GO_BACKWARDS, true);
        backward.put("config", backwardConfig);
        cfg.put("backward_layer", backward);
        return cfg;
    }

    private static String checkMergeMode(String mergeMode) {
        if (mergeMode != null && !MERGE_MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("Bidirectional: mergeMode must be one of " + MERGE_MODES + ", got '"
                    + mergeMode + "'");
        }
        return mergeMode;
    }

    /**
     * A new layer from {@code config} named {@code name}, never reading backwards itself: the
     * direction is this wrapper's, so a backend runs both copies as forward layers and reverses
     * the sequence for the backward one.
     */
    private static BaseRNN<?> copy(BaseRNN<?> layer, Map<String, Object> config, String name) {
        Map<String, Object> cfg = new LinkedHashMap<>(config);
        cfg.remove(GO_BACKWARDS);
        cfg.put("name", name);
        return (BaseRNN<?>) Layers.fromConfig(layer.className(), cfg);
    }

    /**
     * The recurrent layer saved under {@code key}, or null if optional and absent. Its
     * {@code go_backwards} must be {@code goBackwards} (or absent, meaning it); the constructor's
     * {@link #copy} drops it.
     */
    private static BaseRNN<?> recurrent(Map<String, Object> cfg, String key, boolean goBackwards, boolean optional) {
        if (cfg.get(key) == null && optional) {
            return null;
        }
        Map<String, Object> nested = Configs.requireMap(cfg, key);
        Object className = nested.get("class_name");
        if (!(className instanceof String name)) {
            throw Configs.mistyped(key + ".class_name", "a string", className);
        }
        Map<String, Object> config = new LinkedHashMap<>(Configs.requireMap(nested, "config"));
        if (Configs.getBoolean(config, GO_BACKWARDS, goBackwards) != goBackwards) {
            throw new IllegalArgumentException("Bidirectional: '" + key + "' must have go_backwards=" + goBackwards
                    + ", got " + !goBackwards);
        }
        config.put(GO_BACKWARDS, goBackwards);
        Layer layer = Layers.fromConfig(name, config);
        if (!(layer instanceof BaseRNN<?> rnn)) {
            throw new IllegalArgumentException("Bidirectional: '" + key + "' must be a recurrent layer (LSTM, SimpleRNN),"
                    + " got " + layer.className());
        }
        return rnn;
    }

    private static String removePrefix(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
