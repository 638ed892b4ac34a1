package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer with its forward product written straight into its activations
 * ({@link DenseForward}), and its training pre-activation kept for the backward pass;
 * everything else is DL4J's. {@link KerasDenseLayer} instantiates it.
 *
 * <p>DL4J 1.0.0-M2.1's {@code backpropGradient} computes the layer's product again to get the
 * pre-activation its activation's derivative needs; a copy of it from the training forward pass
 * of the same input costs a fraction of that (an MLP's hidden layers: 136 MFLOP a step in W1).
 * It also computes the gradient of its input for every layer, the network's first included,
 * whose input gradient {@code MultiLayerNetwork.fit} then drops: a network's first layer marked
 * {@link #setInputGradientUnused} skips that product (W1's first layer: 103 MFLOP a step, a
 * quarter of the step's products).
 *
 * <pre>{@code
 * Layer layer = new KerasDenseLayer(denseConf).instantiate(conf, listeners, 0, params, true, DataType.FLOAT);
 * }</pre>
 */
public class RowMajorDenseLayer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    /** A copy of the pre-activation of the last training forward pass. */
    private final ForwardPassMemo<INDArray> trainingPreOutput = new ForwardPassMemo<>();
    private boolean inputGradientUnused;

    public RowMajorDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        trainingPreOutput.clear();
        Pair<INDArray, INDArray> z = training ? DenseForward.preOutput(this, false, workspaceMgr) : null;
        if (z == null) {
            return super.activate(training, workspaceMgr);
        }
        // DenseForward declines masked input, so there is no mask to apply
        INDArray pre = z.getFirst();
        if (plainRelu(layerConf().getActivationFn())) {
            // relu into a new array keeps z as it is: one operation instead of a copy of z and relu in place
            INDArray a = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, pre.dataType(), pre.shape(), 'c');
            Nd4j.getExecutioner().exec(new RectifiedLinear(pre, a));
            trainingPreOutput.keep(input, pre);
            return a;
        }
        trainingPreOutput.keep(input, workspaceMgr.dup(ArrayType.ACTIVATIONS, pre));
        return layerConf().getActivationFn().getActivation(pre, true);
    }

    /** DL4J's relu without threshold, slope or maximum (or keras4j's, whose forward pass is DL4J's). */
    private static boolean plainRelu(IActivation fn) {
        return (fn.getClass() == ActivationReLU.class || fn.getClass() == StepGradientRelu.class)
                && ((ActivationReLU) fn).getMax() == null && ((ActivationReLU) fn).getThreshold() == null
                && ((ActivationReLU) fn).getNegativeSlope() == null;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        INDArray kept = trainingPreOutput.take(input);
        if (forBackprop && kept != null) {
            return new Pair<>(kept, kept);
        }
        Pair<INDArray, INDArray> z = DenseForward.preOutput(this, forBackprop, workspaceMgr);
        return z != null ? z : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }

    /**
     * Marks this layer as one whose input's gradient nobody reads (a network's first layer,
     * trained by keras4j's loop): {@link #backpropGradient} then returns no input gradient.
     */
    public void setInputGradientUnused(boolean unused) {
        this.inputGradientUnused = unused;
    }

    /** DL4J's {@code BaseLayer.backpropGradient} without the input's gradient when it is not used. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!inputGradientUnused || maskArray != null || hasLayerNorm() || layerConf().getIDropout() != null
                || layerConf().getWeightNoise() != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        weightNoiseParams.clear();
        return new Pair<>(gradient, null);
    }

    @Override
    public void clear() {
        super.clear();
        trainingPreOutput.clear();
    }
}
