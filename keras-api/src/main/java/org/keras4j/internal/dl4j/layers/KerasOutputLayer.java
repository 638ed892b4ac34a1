package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.keras4j.backend.FastPaths;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer configuration, instantiated as a {@link RowMajorOutputLayer}: the same
 * parameters, loss and results, without DL4J 1.0.0-M2.1's temporary and copy per forward product.
 *
 * <pre>{@code
 * OutputLayer conf = new KerasOutputLayer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(10));
 * }</pre>
 */
public class KerasOutputLayer extends OutputLayer {

    /** For DL4J's JSON configuration. */
    public KerasOutputLayer() {
    }

    public KerasOutputLayer(OutputLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (!FastPaths.enabled()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        }
        return LayerWiring.wire(new RowMajorOutputLayer(conf, networkDataType), this, conf, listeners, index,
                paramsView, initializeParams);
    }
}
