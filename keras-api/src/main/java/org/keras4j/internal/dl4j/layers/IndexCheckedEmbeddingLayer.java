package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code EmbeddingSequenceLayer} configuration (keras4j's {@code Embedding}: NWC output, no
 * bias, identity activation), instantiated as a layer that checks its indices before the lookup:
 * an index outside {@code [0, inputDim)} fails with an {@link IllegalArgumentException} naming the
 * Keras layer, the valid range and the index, in the user's words instead of DL4J's. The check is
 * two reductions (min and max) over the batch's indices. Indices are truncated toward zero, as
 * Keras casts them to integers.
 *
 * <pre>{@code
 * EmbeddingSequenceLayer conf = new IndexCheckedEmbeddingLayer(new EmbeddingSequenceLayer.Builder()...build());
 * }</pre>
 */
public class IndexCheckedEmbeddingLayer extends EmbeddingSequenceLayer {

    /** For DL4J's JSON configuration. */
    public IndexCheckedEmbeddingLayer() {
    }

    /** A copy of {@code conf}, every setting kept. */
    public IndexCheckedEmbeddingLayer(EmbeddingSequenceLayer conf) {
        ConfigurationCopy.into(this, conf);
    }

    /**
     * Keeps {@code nIn} (the vocabulary size): DL4J's network builder would set it to the
     * sequence length of a feed-forward input type.
     */
    @Override
    public void setNIn(InputType inputType, boolean override) {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return LayerWiring.wire(new Impl(conf, networkDataType), this, conf, listeners, index, paramsView,
                initializeParams);
    }

    /**
     * The running layer. A Keras mask passes it unused: Keras's Embedding computes every step's
     * vector, where DL4J's would zero the masked ones (which a layer dropping the mask, such as
     * TimeDistributed, would then see).
     */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public void setMaskArray(INDArray maskArray) {
            this.maskArray = null;
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                              int minibatchSize) {
            this.maskArray = null;
            return new Pair<>(maskArray, currentMaskState);
        }

        @Override
        protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            long inputDim = layerConf().getNIn();
            double min = input.minNumber().doubleValue();
            double max = input.maxNumber().doubleValue();
            // truncation toward zero maps (-1, inputDim) onto the valid indices; NaN fails both tests
            if (!(min > -1 && max < inputDim)) {
                double bad = !(min > -1) ? min : max;
                throw new IllegalArgumentException("Embedding '" + layerConf().getLayerName() + "': indices must be in [0, "
                        + (inputDim - 1) + "] (inputDim " + inputDim + "), got " + (Double.isNaN(bad) ? "NaN" : bad)
                        + ": raise inputDim to the vocabulary size (+ 1 with maskZero), or fix the input");
            }
            return super.preOutput(training, workspaceMgr);
        }
    }
}
