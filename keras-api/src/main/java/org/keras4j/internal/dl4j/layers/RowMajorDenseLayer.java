package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer with its forward product written straight into its activations
 * ({@link DenseForward}); everything else is DL4J's. {@link KerasDenseLayer} instantiates it.
 *
 * <pre>{@code
 * Layer layer = new KerasDenseLayer(denseConf).instantiate(conf, listeners, 0, params, true, DataType.FLOAT);
 * }</pre>
 */
public class RowMajorDenseLayer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    public RowMajorDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        Pair<INDArray, INDArray> z = DenseForward.preOutput(this, forBackprop, workspaceMgr);
        return z != null ? z : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }
}
