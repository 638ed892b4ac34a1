package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer with its forward product written straight into its activations
 * ({@link DenseForward}); the loss and everything else are DL4J's. {@link KerasOutputLayer}
 * instantiates it.
 *
 * <pre>{@code
 * Layer layer = new KerasOutputLayer(outputConf).instantiate(conf, listeners, 1, params, true, DataType.FLOAT);
 * }</pre>
 */
public class RowMajorOutputLayer extends org.deeplearning4j.nn.layers.OutputLayer {

    public RowMajorOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        Pair<INDArray, INDArray> z = DenseForward.preOutput(this, forBackprop, workspaceMgr);
        return z != null ? z : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }
}
