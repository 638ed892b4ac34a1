package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.keras4j.backend.FastPaths;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer configuration, instantiated as a {@link RowMajorDenseLayer}: the same
 * parameters and results, without DL4J 1.0.0-M2.1's temporary and copy per forward product.
 *
 * <pre>{@code
 * DenseLayer conf = new KerasDenseLayer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build());
 * }</pre>
 */
public class KerasDenseLayer extends DenseLayer {

    /** For DL4J's JSON configuration. */
    public KerasDenseLayer() {
    }

    /** A copy of {@code conf}, every setting kept. */
    public KerasDenseLayer(DenseLayer conf) {
        ConfigurationCopy.into(this, conf);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (!FastPaths.enabled()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        }
        return LayerWiring.wire(new RowMajorDenseLayer(conf, networkDataType), this, conf, listeners, index,
                paramsView, initializeParams);
    }
}
