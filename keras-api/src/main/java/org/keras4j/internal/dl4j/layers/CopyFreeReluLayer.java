package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's activation layer, computing keras4j's ReLU ({@link StepGradientRelu}) from its input
 * into a new array instead of into a copy of it.
 *
 * <p>DL4J 1.0.0-M2.1's layer copies its input in each training forward pass and again in each
 * backward pass, because a DL4J activation overwrites its argument; in the course CNN the two
 * copies were 5 % of a training step. Here the forward pass writes {@code max(x, 0)} and the
 * backward pass {@code step(x)} straight into the new array, with the same values. Other
 * activations, and inference, run DL4J's code.
 *
 * <pre>{@code
 * Layer layer = new KerasActivationLayer(reluConf).instantiate(conf, listeners, 1, null, false, DataType.FLOAT);
 * }</pre>
 */
public class CopyFreeReluLayer extends ActivationLayer {

    public CopyFreeReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!training || !isRelu()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(),
                input.ordering());
        Nd4j.getExecutioner().exec(new RectifiedLinear(input, output, 0.0));
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!isRelu()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                input.ordering());
        Nd4j.getExecutioner().exec(new Step(input, delta, 0.0));
        LegacyPairwise.mul(delta, epsilon, delta);
        return new Pair<>(new DefaultGradient(), delta);
    }

    private boolean isRelu() {
        return layerConf().getActivationFn().getClass() == StepGradientRelu.class;
    }
}
