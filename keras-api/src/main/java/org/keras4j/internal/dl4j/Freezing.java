package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.keras4j.internal.dl4j.layers.FrozenBatchNormalization;
import org.keras4j.internal.dl4j.updaters.FrozenWeights;

/**
 * The DL4J side of Keras's {@code layer.trainable = False}: the layer's weights stay
 * bit-identical through {@code fit} while gradients still flow through it to the layers before.
 * Layers with weights keep their own implementation (and fast paths) with a zero update
 * ({@link FrozenWeights}), no regularization and no constraint; BatchNormalization runs in
 * inference mode, its moving statistics untouched, as in Keras 3 ({@link FrozenBatchNormalization}).
 *
 * <pre>{@code
 * List<Layer> dl4j = Freezing.freeze(translated);   // for a keras4j layer whose trainable is false
 * }</pre>
 */
final class Freezing {

    private Freezing() {
    }

    /** The DL4J layers of one frozen keras4j layer. */
    static List<Layer> freeze(List<Layer> layers) {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : layers) {
            out.add(freeze(layer));
        }
        return out;
    }

    static Layer freeze(Layer layer) {
        if (layer instanceof BatchNormalization) {
            return new FrozenBatchNormalization(layer);
        }
        if (layer instanceof Bidirectional both) { // DL4J updates both halves as the forward layer; freeze both alike
            both.setFwd(freeze(both.getFwd()));
            both.setBwd(freeze(both.getBwd()));
            return both;
        }
        if (layer instanceof BaseWrapperLayer wrapper) { // LastTimeStep, TimeDistributed: freeze what they wrap
            wrapper.setUnderlying(freeze(wrapper.getUnderlying()));
            return wrapper;
        }
        if (layer instanceof BaseLayer weighted) {
            weighted.setIUpdater(new FrozenWeights());
            weighted.setBiasUpdater(new FrozenWeights());
            weighted.setRegularization(new ArrayList<>());
            weighted.setRegularizationBias(new ArrayList<>());
            weighted.setConstraints(null);
        }
        return layer;
    }
}
