package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.keras4j.backend.FastPaths;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution configuration, instantiated as a {@link ForwardOnceConvolutionLayer}:
 * the same parameters and results, without the second forward convolution DL4J 1.0.0-M2.1 runs
 * in every backward pass of a linear convolution.
 *
 * <pre>{@code
 * ConvolutionLayer conf = new KerasConvolutionLayer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(16).build());
 * }</pre>
 */
public class KerasConvolutionLayer extends ConvolutionLayer {

    /** For DL4J's JSON configuration. */
    public KerasConvolutionLayer() {
    }

    /** A copy of {@code conf}, every setting kept. */
    public KerasConvolutionLayer(ConvolutionLayer conf) {
        ConfigurationCopy.into(this, conf);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (!FastPaths.enabled()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        }
        return LayerWiring.wire(new ForwardOnceConvolutionLayer(conf, networkDataType), this, conf, listeners, index,
                paramsView, initializeParams);
    }
}
