package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution layer, whose backward pass does not convolve its input again when the
 * layer is linear.
 *
 * <p>With a helper (oneDNN on the CPU), DL4J 1.0.0-M2.1's {@code backpropGradient} recomputes the
 * layer's pre-activation output only to pass it to the activation's derivative, and the helper
 * computes the gradients from the input and the output gradient alone. The identity's derivative
 * reads nothing but the shape, so a linear layer (keras4j's convolutions are: their activation is
 * a layer of its own) hands it the output of its last training forward pass of the same input.
 * In the course CNN that second convolution was 8 % of a training step. Every other case runs
 * DL4J's code unchanged.
 *
 * <pre>{@code
 * Layer layer = new KerasConvolutionLayer(convConf).instantiate(conf, listeners, 0, params, true, DataType.FLOAT);
 * }</pre>
 */
public class ForwardOnceConvolutionLayer extends ConvolutionLayer {
    /** The output of the last training forward pass. */
    private final ForwardPassMemo<INDArray> trainingOutput = new ForwardPassMemo<>();

    public ForwardOnceConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        trainingOutput.clear();
        INDArray output = super.activate(training, workspaceMgr);
        if (training) {
            trainingOutput.keep(input, output);
        }
        return output;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = trainingOutput.take(input);
        boolean reuse = forBackprop && output != null && helper != null && helperCountFail == 0
                && layerConf().getActivationFn() instanceof ActivationIdentity;
        return reuse ? new Pair<>(output, null) : super.preOutput4d(training, forBackprop, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        trainingOutput.clear();
    }
}
