package org.keras4j.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * DL4J's oneDNN convolution helper, given arrays in plain row-major layout.
 *
 * <p>libnd4j's oneDNN {@code conv2d_bp} ignores the strides of its inputs. In DL4J 1.0.0-M2.1 an
 * NHWC {@code ConvolutionLayer} hands it a permuted view as the gradient whenever the activation's
 * derivative is not computed in place (ReLU is the common case), and the weight and bias
 * gradients come out as garbage (differences of 1e15 against the built-in path). Copying such
 * a view to row-major order first (what DL4J's own batch-norm helper does for the same bug,
 * eclipse/deeplearning4j#8860) makes the results equal; a contiguous array is passed as is.
 *
 * <pre>{@code
 * Backend.prepare(network);   // installs this helper in place of MKLDNNConvHelper
 * }</pre>
 */
final class ContiguousConvHelper extends MKLDNNConvHelper {

    ContiguousConvHelper(DataType dataType) {
        super(dataType);
    }

    private static INDArray contiguous(INDArray a) {
        return a == null || Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            AlgoMode mode, BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        return super.backpropGradient(contiguous(input), weights, bias, contiguous(delta), kernel, strides, pad,
                biasGradView, weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                workspaceMgr);
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        return super.preOutput(contiguous(input), weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                dilation, format, workspaceMgr);
    }
}
