package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer's pre-activation {@code z = x W + b}, with the product written straight into
 * the row-major activation array.
 *
 * <p>DL4J 1.0.0-M2.1's {@code BaseLayer} allocates its activations row-major and fills them with
 * {@code x.mmuli(W, z)}, which only writes column-major results: it multiplies into a temporary
 * column-major array, then copies that into {@code z}, transposing. The copy was 15 % of an MLP's
 * inference time, and it costs a tiny network two more native operations per layer. ND4J's
 * {@code Nd4j.gemm} (libnd4j's {@code matmul}) writes either layout directly.
 *
 * <pre>{@code
 * Pair<INDArray, INDArray> z = DenseForward.preOutput(layer, forBackprop, workspaceMgr);
 * return z != null ? z : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
 * }</pre>
 */
final class DenseForward {

    private DenseForward() {
    }

    /**
     * {@code (z, z)} as DL4J's {@code BaseLayer.preOutputWithPreNorm} returns it, or null where
     * that method does more than the product and bias (layer normalization, dropout or weight
     * noise on the layer, a mask) or rejects the input with its own message: call it then.
     */
    static Pair<INDArray, INDArray> preOutput(BaseLayer<? extends FeedForwardLayer> layer, boolean forBackprop,
                                              LayerWorkspaceMgr workspaceMgr) {
        FeedForwardLayer conf = layer.layerConf();
        INDArray input = layer.input();
        if (layer.hasLayerNorm() || conf.getIDropout() != null || conf.getWeightNoise() != null
                || layer.getMaskArray() != null
                || input == null || input.rank() != 2 || input.columns() != conf.getNIn()) {
            return null;
        }
        layer.assertInputSet(forBackprop);
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
                input.size(0), weights.size(1));
        Nd4j.gemm(input.castTo(layer.getDataType()).castTo(z.dataType()), weights, z, false, false, 1.0, 0.0);
        if (layer.hasBias()) {
            z.addiRowVector(layer.getParam(DefaultParamInitializer.BIAS_KEY));
        }
        return new Pair<>(z, z);
    }
}
