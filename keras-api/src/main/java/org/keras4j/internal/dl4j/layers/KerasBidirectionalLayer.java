package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's bidirectional layer that gives both recurrent layers the sequence's features mask, the
 * backward one reversed. DL4J's passes the mask on through {@code feedForwardMaskArray} only,
 * which DL4J's LSTM ignores (it expects the mask through {@code setMaskArray}): the LSTM would
 * read padded steps as data.
 *
 * <pre>{@code
 * Layer layer = new KerasBidirectionalLayer(conf, forwardLayer, backwardLayer, paramsView);
 * }</pre>
 */
public class KerasBidirectionalLayer extends BidirectionalLayer {

    public KerasBidirectionalLayer(NeuralNetConfiguration conf, Layer forward, Layer backward, INDArray paramsView) {
        super(conf, forward, backward, paramsView);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        Pair<INDArray, MaskState> out = super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        setMaskArray(maskArray);
        return out;
    }
}
