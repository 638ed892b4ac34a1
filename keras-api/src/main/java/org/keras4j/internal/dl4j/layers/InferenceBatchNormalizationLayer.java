package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A DL4J batch normalization layer run in inference mode in training too, its weights and moving
 * statistics fixed: the output is {@code gamma * (x - mean) / sqrt(var + eps) + beta} per channel
 * (the last axis: keras4j runs batch normalization on feature vectors or NHWC images), so the
 * gradient passed back is the incoming one times {@code gamma / sqrt(var + eps)}.
 *
 * <pre>{@code
 * Layer frozen = new InferenceBatchNormalizationLayer(batchNormLayer, 1e-3);
 * }</pre>
 */
public class InferenceBatchNormalizationLayer extends FrozenLayerWithBackprop {
    private final double eps;

    public InferenceBatchNormalizationLayer(Layer batchNormalization, double eps) {
        super(batchNormalization);
        this.eps = eps;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray variance = getUnderlying().getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        long channels = variance.length();
        INDArray scale = Transforms.sqrt(variance.reshape(channels).add(eps), false).rdivi(1.0);
        if (getUnderlying().paramTable().containsKey(BatchNormalizationParamInitializer.GAMMA)) {
            scale.muli(getUnderlying().getParam(BatchNormalizationParamInitializer.GAMMA).reshape(channels));
        }
        INDArray dx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon, 'c');
        dx.reshape('c', dx.length() / channels, channels).muliRowVector(scale.castTo(dx.dataType()));
        INDArray gradientView = getUnderlying().getGradientsViewArray();
        if (gradientView != null) {
            gradientView.assign(0);
        }
        return new Pair<>(new DefaultGradient(gradientView), dx);
    }
}
