package org.keras4j.internal.dl4j;

import java.util.IdentityHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.keras4j.engine.LayerStates;
import org.keras4j.internal.dl4j.layers.BidirectionalRecurrentLayer;
import org.keras4j.internal.dl4j.layers.KerasRecurrentLayer;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;

/**
 * Where each recurrent layer's states live in the DL4J network: keras4j's recurrent layer
 * ({@link KerasRecurrentLayer#resetStates()}: a stateful layer's carried states and the stored
 * state of {@code rnnTimeStep}), DL4J's own recurrent layers (their {@code rnnTimeStep} state),
 * and a {@code Bidirectional}'s two halves, each bound to its own layer. The bindings hold the
 * DL4J layer, as {@link KerasWeightLayout}'s do.
 *
 * <pre>{@code
 * RecurrentStateBindings.of(lstm, network.getLayer(0)).forEach(BaseRNN::bindStates);
 * }</pre>
 */
final class RecurrentStateBindings {

    private RecurrentStateBindings() {
    }

    /** The recurrent layers inside {@code layer} and their states in {@code dl4j}; empty for other layers. */
    static Map<BaseRNN<?>, LayerStates> of(Layer layer, org.deeplearning4j.nn.api.Layer dl4j) {
        Map<BaseRNN<?>, LayerStates> out = new IdentityHashMap<>();
        org.deeplearning4j.nn.api.Layer holder = KerasWeightLayout.unwrapped(dl4j);
        if (layer instanceof BaseRNN<?> rnn) {
            out.put(rnn, states(holder));
        } else if (layer instanceof Bidirectional b) {
            if (holder instanceof BidirectionalRecurrentLayer pair) {
                out.put(b.forwardLayer(), states(pair.forwardLayer()));
                out.put(b.backwardLayer(), states(pair.backwardLayer()));
            } else {
                // DL4J's bidirectional layer keeps no state between calls
                out.put(b.forwardLayer(), states(holder));
                out.put(b.backwardLayer(), states(holder));
            }
        }
        return out;
    }

    private static LayerStates states(org.deeplearning4j.nn.api.Layer holder) {
        if (holder instanceof KerasRecurrentLayer k) {
            return k::resetStates;
        }
        if (holder instanceof RecurrentLayer r) {
            return r::rnnClearPreviousState;
        }
        throw new IllegalStateException("internal: the DL4J layer of a recurrent layer is " + holder.getClass().getName());
    }
}
