package org.keras4j.internal.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.BidirectionalRecurrent;
import org.keras4j.internal.dl4j.layers.KerasBidirectional;
import org.keras4j.internal.dl4j.layers.KerasRecurrent;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Translates keras4j's {@link Bidirectional}. Two ways:
 *
 * <ul>
 *   <li>On DL4J's bidirectional layer ({@link KerasBidirectional}), both recurrent layers as
 *       {@link Dl4jRecurrentLayers} translates them (DL4J's LSTM, the fused one, or SimpleRNN),
 *       when DL4J runs both exactly, no Keras mask reaches the wrapper, and the backward layer
 *       differs from the forward one only in its name and activations (DL4J keeps the halves as
 *       one layout, initialized, regularized and updated as the forward layer).</li>
 *   <li>Otherwise on keras4j's recurrent layers ({@link BidirectionalRecurrent}): a GRU, a layer
 *       with dropout, a masked sequence (Keras's semantics: states carried over masked steps), a
 *       backward layer with its own initializers or units. The backward layer reads backwards
 *       ({@code goBackwards}); with {@code returnSequences} both output zeros at masked steps, as
 *       Keras forces {@code zero_output_for_mask} in {@code Bidirectional}.</li>
 * </ul>
 *
 * <pre>{@code
 * List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = Dl4jBidirectional.translate(bidirectional, Shape.of(5, 10), List.of(), true);
 * }</pre>
 */
public final class Dl4jBidirectional {
    /** Config entries a backward layer may set differently from the forward layer on DL4J. */
    private static final List<String> MAY_DIFFER = List.of("name", "activation", "recurrent_activation");

    private Dl4jBidirectional() {
    }

    /** Whether {@link #translate} handles this layer. */
    public static boolean handles(Layer layer) {
        return layer instanceof Bidirectional;
    }

    /** As {@link #translate(Layer, Shape, List, boolean)} for a wrapper no mask reaches. */
    public static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input,
                                                                       List<Regularization> decay) {
        return translate(layer, input, decay, false);
    }

    /**
     * @param input the wrapper's Keras input shape {@code (timesteps, features)}
     * @param decay the optimizer's decoupled weight decay
     * @param masked true when a Keras mask reaches the wrapper
     * @throws IllegalArgumentException for layers with {@code returnState}, different
     *     {@code stateful} or units, or an initializer or regularizer with no DL4J translation
     */
    public static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input,
                                                                       List<Regularization> decay, boolean masked) {
        if (!(layer instanceof Bidirectional b)) {
            throw new IllegalArgumentException(layer + " is not a Bidirectional layer");
        }
        if (masked || !onDl4jsLayer(b)) {
            return List.of(onKerasRecurrent(b, input, decay));
        }
        BaseRecurrentLayer forward = Dl4jRecurrentLayers.fullSequence(b.forwardLayer(), input, decay);
        BaseRecurrentLayer backward = Dl4jRecurrentLayers.fullSequence(b.backwardLayer(), input, decay);
        KerasBidirectional conf = new KerasBidirectional(computedMode(b), b.returnSequences(), forward, backward);
        conf.setLayerName(b.name());
        return List.of(conf);
    }

    /** The merge computed: without one (Keras's None), both directions side by side, which the graph then slices. */
    private static String computedMode(Bidirectional b) {
        return b.mergeMode() == null ? "concat" : b.mergeMode();
    }

    /** Whether DL4J's bidirectional layer computes exactly what Keras's does for {@code b} without a mask. */
    static boolean onDl4jsLayer(Bidirectional b) {
        return !Dl4jRecurrentLayers.needsKerasRecurrent(b.forwardLayer())
                && !Dl4jRecurrentLayers.needsKerasRecurrent(b.backwardLayer()) && halvesAlike(b);
    }

    private static BidirectionalRecurrent onKerasRecurrent(Bidirectional b, Shape input, List<Regularization> decay) {
        BaseRNN<?> forward = b.forwardLayer();
        BaseRNN<?> backward = b.backwardLayer();
        if (forward.returnState() || backward.returnState()) {
            throw new IllegalArgumentException(b + ": returnState inside Bidirectional is not supported by keras4j yet"
                    + " (its output is the merged sequence or last output only), got returnState=true");
        }
        if (forward.stateful() != backward.stateful()) {
            throw new IllegalArgumentException(b + ": the forward and backward layers must have the same stateful, got "
                    + forward.stateful() + " and " + backward.stateful());
        }
        if (forward.units() != backward.units()) {
            // Keras's output shape assumes it too (the forward layer's, its last axis doubled by concat)
            throw new IllegalArgumentException(b + ": the backward layer " + backward + " must have the forward layer's"
                    + " units (" + forward.units() + "), got " + backward.units());
        }
        boolean sequences = b.returnSequences();
        KerasRecurrent f = Dl4jRecurrentLayers.kerasRecurrentBuilder(forward, input, decay)
                .goBackwards(false).zeroOutputForMask(sequences).build();
        KerasRecurrent k = Dl4jRecurrentLayers.kerasRecurrentBuilder(backward, input, decay)
                .goBackwards(true).zeroOutputForMask(sequences).build();
        BidirectionalRecurrent conf = new BidirectionalRecurrent(computedMode(b), sequences, f, k);
        conf.setLayerName(b.name());
        return conf;
    }

    private static boolean halvesAlike(Bidirectional b) {
        BaseRNN<?> forward = b.forwardLayer();
        BaseRNN<?> backward = b.backwardLayer();
        return forward.className().equals(backward.className())
                && Objects.equals(shared(forward.getConfig()), shared(backward.getConfig()));
    }

    private static Map<String, Object> shared(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>(config);
        MAY_DIFFER.forEach(out::remove);
        return out;
    }
}
