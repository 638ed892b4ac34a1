package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A BatchNormalization whose {@code trainable} is false, as Keras 3 runs it: in inference mode
 * (the moving statistics normalize, and stay as they are), its weights fixed, and gradients
 * passed back through the fixed affine map ({@link InferenceBatchNormalizationLayer}). DL4J's
 * {@code FrozenLayerWithBackprop} runs the forward pass in inference mode too, but its backward
 * pass then fails: DL4J's batch normalization keeps the statistics it differentiates only from a
 * training-mode pass.
 *
 * <pre>{@code
 * org.deeplearning4j.nn.conf.layers.Layer frozen = new FrozenBatchNormalization(batchNormConf);
 * }</pre>
 */
public class FrozenBatchNormalization extends FrozenLayerWithBackprop {

    /** For DL4J's JSON configuration. */
    public FrozenBatchNormalization(@JsonProperty("layer") org.deeplearning4j.nn.conf.layers.Layer layer) {
        super(layer);
        if (!(layer instanceof BatchNormalization)) {
            throw new IllegalArgumentException("FrozenBatchNormalization wraps a BatchNormalization, got " + layer);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        Layer frozen = super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        Layer batchNorm = ((org.deeplearning4j.nn.layers.FrozenLayerWithBackprop) frozen).getUnderlying();
        return new InferenceBatchNormalizationLayer(batchNorm, ((BatchNormalization) getUnderlying()).getEps());
    }
}
