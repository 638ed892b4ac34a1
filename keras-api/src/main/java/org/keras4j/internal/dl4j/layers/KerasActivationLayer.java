package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.keras4j.backend.FastPaths;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's activation layer configuration, instantiated as a {@link CopyFreeReluLayer}: the same
 * results, without the copy of its input DL4J 1.0.0-M2.1 makes in each training pass.
 *
 * <pre>{@code
 * ActivationLayer conf = new KerasActivationLayer(new ActivationLayer.Builder().activation(new StepGradientRelu()).build());
 * }</pre>
 */
public class KerasActivationLayer extends ActivationLayer {

    /** For DL4J's JSON configuration. */
    public KerasActivationLayer() {
    }

    /** A copy of {@code conf}, every setting kept. */
    public KerasActivationLayer(ActivationLayer conf) {
        ConfigurationCopy.into(this, conf);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (!FastPaths.enabled()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        }
        return LayerWiring.wire(new CopyFreeReluLayer(conf, networkDataType), this, conf, listeners, index,
                paramsView, initializeParams);
    }
}
