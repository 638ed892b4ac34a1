package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelpers;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ColumnMajorLstm} whose backprop honours a features mask, for the two halves of a
 * bidirectional layer. DL4J 1.0.0-M2.1's LSTM applies a mask set with {@code setMaskArray} in its
 * forward pass (zero output and state at masked steps) but hands its backprop helper no mask, so
 * the gradient of the first step after masked steps flows on into them: the input-weight and bias
 * gradients are wrong whenever masked steps come before unmasked ones (padding before a sequence,
 * or, for the backward half, after it). With a mask, this runs DL4J's own helpers with the mask in
 * both passes; without a mask, or with dropout or weight noise (which it does not cover), it is
 * {@link ColumnMajorLstm}.
 *
 * <pre>{@code
 * Layer half = new MaskedBackpropLstm(conf, DataType.FLOAT);   // wired as KerasLstm wires ColumnMajorLstm
 * }</pre>
 */
public class MaskedBackpropLstm extends ColumnMajorLstm {

    public MaskedBackpropLstm(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray == null || layerConf().getIDropout() != null || layerConf().getWeightNoise() != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray inputWeights = getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray recurrentWeights = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        INDArray biases = getParamWithNoise(LSTMParamInitializer.BIAS_KEY, true, workspaceMgr);
        INDArray ncwInput = permuteIfNWC(input); // DL4J's helpers read [batch, features, timesteps]
        // as DL4J's LSTM.backpropGradient (no truncated BPTT), with the mask passed on
        FwdPassReturn forward = LSTMHelpers.activateHelper(this, conf, layerConf().getGateActivationFn(), ncwInput,
                recurrentWeights, inputWeights, biases, true, null, null, true, true,
                LSTMParamInitializer.INPUT_WEIGHT_KEY, maskArray, false, helper, CacheMode.NONE, workspaceMgr,
                layerConf().isHelperAllowFallback());
        Pair<Gradient, INDArray> out = LSTMHelpers.backpropGradientHelper(this, conf, layerConf().getGateActivationFn(),
                ncwInput, recurrentWeights, inputWeights, permuteIfNWC(epsilon), false, -1, forward, true,
                LSTMParamInitializer.INPUT_WEIGHT_KEY, LSTMParamInitializer.RECURRENT_WEIGHT_KEY,
                LSTMParamInitializer.BIAS_KEY, gradientViews, maskArray, false, helper, workspaceMgr,
                layerConf().isHelperAllowFallback());
        weightNoiseParams.clear();
        out.setSecond(permuteIfNWC(out.getSecond()));
        return out;
    }
}
