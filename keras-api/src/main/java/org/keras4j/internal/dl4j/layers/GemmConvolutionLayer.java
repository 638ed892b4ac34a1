package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.backend.Backend;
import org.keras4j.internal.HostArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * keras4j's 2-D convolution layer: DL4J's forward pass ({@link ForwardOnceConvolutionLayer}, oneDNN),
 * and for a linear, channels-last convolution with stride 1, dilation 1 ("same" or "valid") and
 * few input channels, the backward pass as matrix products in OpenBLAS ({@link ConvolutionGemm}).
 *
 * <p>DL4J 1.0.0-M2.1's oneDNN backward pass of a convolution with one input channel took 16-39 ms
 * (best of 40, loaded 2-core machine) on the course CNN's first layer (batch 64, 28x28, 16 filters;
 * its forward pass 1.4-1.9 ms), the matrix products 4.5-6.9 ms; with 16 input channels oneDNN was
 * faster, and its forward pass always was. The backward pass also computes the gradient of the network's input, which {@code fit}
 * drops: a network's first layer marked {@link #setInputGradientUnused} skips it here. Declined
 * (DL4J's code): more than {@value #MAX_INPUT_CHANNELS} input channels, other strides, dilations and
 * padding modes, other data types, NCHW, a fused activation, dropout, weight noise, masks.
 * {@code -Dkeras4j.conv.gemm=false} turns the path off.
 *
 * <pre>{@code
 * Layer layer = new KerasConvolutionLayer(convConf).instantiate(conf, listeners, 0, params, true, DataType.FLOAT);
 * }</pre>
 */
public class GemmConvolutionLayer extends ForwardOnceConvolutionLayer {
    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("keras4j.conv.gemm", "true"));
    /** Up to this many input channels the products beat oneDNN's backward pass (measured: 1 and 3 do, 16 does not). */
    static final int MAX_INPUT_CHANNELS = 3;

    private boolean enabled = ENABLED && Backend.isCpu();
    private int maxInputChannels = MAX_INPUT_CHANNELS;
    private boolean inputGradientUnused;
    private long backwardPasses;
    private ConvolutionGemm gemm;
    /** The input of the last training forward pass whose backward pass this path computes. */
    private final ForwardPassMemo<Boolean> computedHere = new ForwardPassMemo<>();

    public GemmConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Turns the matrix-product path on or off (tests compare both). */
    void setEnabled(boolean enabled) {
        this.enabled = enabled && Backend.isCpu();
    }

    /** Raises or lowers the input channels the products take (tests run them on several). */
    void setMaxInputChannels(int channels) {
        this.maxInputChannels = channels;
    }

    /**
     * Marks this layer as one whose input's gradient nobody reads (a network's first layer,
     * trained by keras4j's loop): the backward pass then returns no input gradient.
     */
    public void setInputGradientUnused(boolean unused) {
        this.inputGradientUnused = unused;
    }

    /** How many backward passes ran as matrix products (tests check that training takes the path). */
    long backwardPasses() {
        return backwardPasses;
    }

    /** Whether {@link #setInputGradientUnused} marked this layer. */
    public boolean isInputGradientUnused() {
        return inputGradientUnused;
    }

    /** Whether this layer's configuration and {@code x} are what {@link ConvolutionGemm} computes. */
    boolean covers(INDArray x) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        ConvolutionMode mode = c.getConvolutionMode();
        return enabled && x != null && x.rank() == 4 && x.dataType() == DataType.FLOAT && dataType == DataType.FLOAT
                && HostArrays.rowMajorContiguous(x)
                && c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                && c.getActivationFn() instanceof ActivationIdentity
                && c.getIDropout() == null && c.getWeightNoise() == null && maskArray == null
                && (mode == ConvolutionMode.Same || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict)
                && allEqual(c.getStride(), 1) && allEqual(c.getDilation(), 1)
                && (mode == ConvolutionMode.Same || allEqual(c.getPadding(), 0))
                && x.size(1) >= (mode == ConvolutionMode.Same ? 1 : c.getKernelSize()[0])
                && x.size(2) >= (mode == ConvolutionMode.Same ? 1 : c.getKernelSize()[1])
                && x.size(3) <= maxInputChannels && x.length() < Integer.MAX_VALUE / 32
                // one image's patch rows are the smallest chunk: their count must fit an int
                && x.size(1) * x.size(2) * (c.getKernelSize()[0] * c.getKernelSize()[1] * x.size(3) + 1)
                        < Integer.MAX_VALUE / 2;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        computedHere.clear();
        INDArray output = super.activate(training, workspaceMgr);
        if (training && covers(input)) {
            computedHere.keep(input, Boolean.TRUE);
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (computedHere.take(input) == null || !covers(input) || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray dy = HostArrays.rowMajorContiguous(epsilon) ? epsilon : epsilon.dup('c');
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray inputGrad = inputGradientUnused ? null
                : workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        backwardPasses++;
        gemm().backward(input, getParam(ConvolutionParamInitializer.WEIGHT_KEY), dy, weightGrad, biasGrad, inputGrad);
        Gradient gradient = new DefaultGradient();
        if (biasGrad != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, inputGrad);
    }

    private ConvolutionGemm gemm() {
        if (gemm == null) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
            int[] k = c.getKernelSize();
            boolean same = c.getConvolutionMode() == ConvolutionMode.Same;
            // stride 1: "same" pads (k - 1) / 2 before and the rest after, as DL4J's and TensorFlow's
            gemm = same ? new ConvolutionGemm(k[0], k[1], (k[0] - 1) / 2, (k[1] - 1) / 2, true)
                    : new ConvolutionGemm(k[0], k[1], 0, 0, false);
        }
        return gemm;
    }

    private static boolean allEqual(int[] values, int expected) {
        if (values == null) {
            return expected == 0;
        }
        for (int v : values) {
            if (v != expected) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void clear() {
        super.clear();
        computedHere.clear();
    }
}
