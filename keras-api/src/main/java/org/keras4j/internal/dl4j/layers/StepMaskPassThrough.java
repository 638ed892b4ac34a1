package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Wraps a DL4J layer that runs on sequences so that a Keras step mask {@code [batch, timesteps]}
 * moves past it untouched, as Keras passes masks through Dense, Dropout and activation layers
 * without using them. DL4J would hand the mask to the layer instead: its {@code DropoutLayer}
 * multiplies its {@code [batch, timesteps, features]} output by the mask as a column vector
 * (a shape error), and its NWC {@code TimeDistributed} reshapes the mask in another order than
 * the activations, zeroing the wrong steps. The wrapped layer computes exactly as unwrapped.
 *
 * <pre>{@code
 * Layer dropout = new StepMaskPassThrough(new DropoutLayer.Builder(0.8).build());
 * }</pre>
 */
public class StepMaskPassThrough extends BaseWrapperLayer {

    /** For DL4J's JSON configuration. */
    public StepMaskPassThrough() {
    }

    public StepMaskPassThrough(Layer underlying) {
        super(underlying);
        this.layerName = underlying.getLayerName();
    }

    public Layer getUnderlying() {
        return underlying;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        return new Impl(underlying.instantiate(inner, listeners, index, paramsView, initializeParams, networkDataType));
    }

    /** The running layer: delegates everything but the mask, which it keeps from the wrapped layer. */
    static final class Impl extends org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer {
        private INDArray mask;

        Impl(org.deeplearning4j.nn.api.Layer underlying) {
            super(underlying);
        }

        @Override
        public void setMaskArray(INDArray maskArray) {
            mask = maskArray;
            underlying.setMaskArray(null);
        }

        @Override
        public INDArray getMaskArray() {
            return mask;
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                              int minibatchSize) {
            underlying.feedForwardMaskArray(null, null, minibatchSize);
            mask = maskArray;
            return new Pair<>(maskArray, currentMaskState);
        }
    }
}
