package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer with its forward product written straight into its activations
 * ({@link DenseForward}) and its products in OpenBLAS ({@link DenseProducts}); the loss and
 * everything else are DL4J's. {@link KerasOutputLayer}
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

    /** DL4J's {@code BaseOutputLayer.backpropGradient} with its products in OpenBLAS ({@link DenseProducts}). */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (layerConf().getWeightNoise() != null || hasLayerNorm()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray preOut = preOutput2d(true, workspaceMgr);
        INDArray labels2d = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = layerConf().getLossFn().computeGradient(labels2d, preOut, layerConf().getActivationFn(), maskArray);
        Gradient gradient = new DefaultGradient();
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        DenseProducts.weightGradient(input.castTo(weightGrad.dataType()), delta, weightGrad);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[] {delta.size(0), weights.size(0)}, 'c');
        DenseProducts.inputGradient(delta, weights, epsilonNext);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }
}
