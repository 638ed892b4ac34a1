package org.keras4j.internal.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.KerasBidirectional;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Translates keras4j's {@link Bidirectional} to one {@link KerasBidirectional}: both recurrent
 * layers as {@link Dl4jRecurrentLayers} translates them, running over the whole sequence (NWC).
 *
 * <p>DL4J keeps the two layers' parameters as two halves of one layout, initialized, regularized
 * and updated as the forward layer's; so a {@code backwardLayer} may differ from the forward
 * layer only in its name and activations ({@code activation}, {@code recurrent_activation}),
 * anything else is rejected with an {@link IllegalArgumentException} naming the layer.
 *
 * <pre>{@code
 * List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = Dl4jBidirectional.translate(bidirectional, Shape.of(5, 10), List.of());
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

    /**
     * @param input the wrapper's Keras input shape {@code (timesteps, features)}
     * @param decay the optimizer's decoupled weight decay
     * @throws IllegalArgumentException for a backward layer DL4J cannot hold next to the forward
     *     one, or a recurrent layer DL4J cannot run exactly
     */
    public static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input,
                                                                       List<Regularization> decay) {
        if (!(layer instanceof Bidirectional b)) {
            throw new IllegalArgumentException(layer + " is not a Bidirectional layer");
        }
        checkHalvesAlike(b);
        BaseRecurrentLayer forward = Dl4jRecurrentLayers.fullSequence(b.forwardLayer(), input, decay);
        BaseRecurrentLayer backward = Dl4jRecurrentLayers.fullSequence(b.backwardLayer(), input, decay);
        KerasBidirectional conf = new KerasBidirectional(b.mergeMode(), b.returnSequences(), forward, backward);
        conf.setLayerName(b.name());
        return List.of(conf);
    }

    private static void checkHalvesAlike(Bidirectional b) {
        BaseRNN<?> forward = b.forwardLayer();
        BaseRNN<?> backward = b.backwardLayer();
        Map<String, Object> f = shared(forward.getConfig());
        Map<String, Object> k = shared(backward.getConfig());
        if (!forward.className().equals(backward.className()) || !Objects.equals(f, k)) {
            throw new IllegalArgumentException(b + ": on the DL4J backend the backward layer " + backward + " may differ from"
                    + " the forward layer " + forward + " only in " + MAY_DIFFER + " (DL4J initializes, regularizes and"
                    + " updates both as the forward layer), got " + backward.className() + " " + k + " and "
                    + forward.className() + " " + f);
        }
    }

    private static Map<String, Object> shared(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>(config);
        MAY_DIFFER.forEach(out::remove);
        return out;
    }
}
