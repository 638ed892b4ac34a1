package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.keras4j.backend.FastPaths;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM configuration, instantiated as a {@link ColumnMajorLstm}: the same parameters and
 * results, with Keras's default LSTM run as one fused product per time step, and any other given
 * its input in the layout DL4J's LSTM loop is written for.
 *
 * <pre>{@code
 * LSTM conf = new KerasLstm(new LSTM.Builder().nIn(64).nOut(128).dataFormat(RNNFormat.NWC).build());
 * }</pre>
 */
public class KerasLstm extends LSTM {

    /** For DL4J's JSON configuration. */
    public KerasLstm() {
    }

    /** A copy of {@code conf}, every setting kept. */
    public KerasLstm(LSTM conf) {
        ConfigurationCopy.into(this, conf);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        if (!FastPaths.enabled()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        }
        return LayerWiring.wire(new ColumnMajorLstm(conf, networkDataType), this, conf, listeners, index,
                paramsView, initializeParams);
    }
}
