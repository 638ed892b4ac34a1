package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.KerasActivationLayer;
import org.keras4j.internal.dl4j.layers.KerasConvolutionLayer;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.BaseConv;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.convolutional.Conv2DTranspose;
import org.keras4j.layers.convolutional.DepthwiseConv2D;
import org.keras4j.layers.convolutional.SeparableConv2D;
import org.keras4j.layers.pooling.BaseGlobalPooling;
import org.keras4j.layers.pooling.BasePooling;
import org.keras4j.layers.regularization.SpatialDropout2D;
import org.keras4j.layers.reshaping.Cropping2D;
import org.keras4j.layers.reshaping.UpSampling2D;
import org.keras4j.layers.reshaping.ZeroPadding2D;
import org.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Translates keras4j's convolution, pooling and image reshaping layers to DL4J, one method per
 * layer, every field set explicitly. Images run in DL4J's {@link CNN2DFormat#NHWC}, Keras's own
 * layout, so user data is never permuted. 1-D layers run as 2-D ones on {@code (steps, 1,
 * channels)} images: DL4J 1.0.0-M2.1's {@code Convolution1DLayer} and {@code Subsampling1DLayer}
 * fail in backprop with {@link RNNFormat#NWC} (conv1d_bp receives NWC gradients labelled NCW), and
 * the reshape from {@code (steps, channels)} to {@code (steps, 1, channels)} is free. Keras
 * padding "same" is DL4J's {@link ConvolutionMode#Same} (TensorFlow's split: the extra row or
 * column goes bottom/right), "valid" is {@link ConvolutionMode#Truncate}, "causal" is a top
 * zero-padding of {@code dilation*(k-1)} rows before a Truncate convolution. Kernels draw from
 * Keras's fans, computed on Keras's kernel shapes.
 *
 * <p>Keras's element order between layers is kept by {@link Layout} and {@link ReshapePreprocessor};
 * channels-last spatial dropout is {@link NhwcSpatialDropout}, the separable kernels'
 * initialization {@link SeparableWeightInit}.
 *
 * <pre>{@code
 * List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = Dl4jConvolutionalLayers.translate(conv, Shape.of(28, 28, 1), List.of());
 * }</pre>
 */
public final class Dl4jConvolutionalLayers {
    private Dl4jConvolutionalLayers() {
    }

    /** Whether {@link #translate} handles this layer. */
    public static boolean handles(Layer layer) {
        return layer instanceof BaseConv<?> || layer instanceof BasePooling<?> || layer instanceof BaseGlobalPooling<?>
                || layer instanceof ZeroPadding2D || layer instanceof Cropping2D || layer instanceof UpSampling2D
                || layer instanceof SpatialDropout2D;
    }

    /**
     * The DL4J layers for one keras4j layer: usually one; a convolution with a non-linear
     * activation is a linear convolution and an activation layer, a causal Conv1D starts with a
     * padding. They read their input in {@link Layout#image} of {@code input}.
     *
     * @param input the layer's Keras input shape
     * @param decay the optimizer's decoupled weight decay, added to every weight and bias
     * @throws IllegalArgumentException for a configuration DL4J cannot run, naming the layer
     */
    public static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input, List<Regularization> decay) {
        if (layer instanceof BaseConv<?> c) {
            List<org.deeplearning4j.nn.conf.layers.Layer> out = new ArrayList<>(convolution(c, input, decay));
            if (!c.activation().isLinear()) {
                out.add(new KerasActivationLayer(new ActivationLayer.Builder()
                        .activation(Dl4jActivations.toDl4j(c.activation())).name(c.name() + "_activation").build()));
            }
            return out;
        }
        if (layer instanceof BasePooling<?> p) {
            return List.of(pooling(p));
        }
        if (layer instanceof BaseGlobalPooling<?> g) {
            return List.of(globalPooling(g));
        }
        if (layer instanceof ZeroPadding2D z) {
            return List.of(zeroPadding2D(z));
        }
        if (layer instanceof Cropping2D c) {
            return List.of(cropping2D(c));
        }
        if (layer instanceof UpSampling2D u) {
            return List.of(upSampling2D(u));
        }
        if (layer instanceof SpatialDropout2D s) {
            return List.of(spatialDropout2D(s));
        }
        throw new IllegalArgumentException(layer + " is not a convolutional layer");
    }

    /**
     * The convolution itself, linear: DL4J 1.0.0-M2.1 applies an NHWC convolution's activation
     * derivative to permuted views of its arrays, a strided loop that took a third of the course
     * CNN's training time; the separate {@code ActivationLayer} {@link #translate} adds sees
     * row-major arrays.
     */
    private static List<org.deeplearning4j.nn.conf.layers.Layer> convolution(BaseConv<?> layer, Shape input,
                                                                             List<Regularization> decay) {
        if (layer instanceof Conv2D c) {
            return List.of(conv2D(c, input, decay));
        }
        if (layer instanceof Conv1D c) {
            return conv1D(c, input, decay);
        }
        if (layer instanceof Conv2DTranspose c) {
            return List.of(conv2DTranspose(c, input, decay));
        }
        if (layer instanceof DepthwiseConv2D c) {
            return List.of(depthwiseConv2D(c, input, decay));
        }
        if (layer instanceof SeparableConv2D c) {
            return List.of(separableConv2D(c, input, decay));
        }
        throw new IllegalArgumentException(layer + " is not a convolution DL4J can run");
    }

    static ConvolutionLayer conv2D(Conv2D c, Shape input, List<Regularization> decay) {
        long channels = input.last();
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder().dataFormat(CNN2DFormat.NHWC);
        convolution(b, c, c.kernelSize(), c.strides(), c.dilationRate(), mode(c.padding()), decay);
        b.nIn(channels).nOut(c.filters()).weightInit(Dl4jInitializers.toDl4j(c.kernelInitializer(), c.kernelShape(channels)));
        b.regularization(regularization(c.kernelRegularizer(), decay));
        return new KerasConvolutionLayer(b.build());
    }

    /** A (k, 1) convolution on {@code (steps, 1, channels)}; "causal" pads {@code dilation*(k-1)} rows on top first. */
    static List<org.deeplearning4j.nn.conf.layers.Layer> conv1D(Conv1D c, Shape input, List<Regularization> decay) {
        long channels = input.last();
        int k = c.kernelSize()[0];
        int d = c.dilationRate()[0];
        boolean causal = c.padding().equals("causal");
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder().dataFormat(CNN2DFormat.NHWC);
        convolution(b, c, new int[] {k, 1}, new int[] {c.strides()[0], 1}, new int[] {d, 1},
                causal ? ConvolutionMode.Truncate : mode(c.padding()), decay);
        b.nIn(channels).nOut(c.filters()).weightInit(Dl4jInitializers.toDl4j(c.kernelInitializer(), c.kernelShape(channels)));
        b.regularization(regularization(c.kernelRegularizer(), decay));
        ConvolutionLayer conv = new KerasConvolutionLayer(b.build());
        if (!causal || k == 1) {
            return List.of(conv);
        }
        ZeroPaddingLayer pad = new ZeroPaddingLayer.Builder(d * (k - 1), 0, 0, 0)
                .dataFormat(CNN2DFormat.NHWC).name(c.name() + "_causal_padding").build();
        return List.of(pad, conv);
    }

    static Deconvolution2D conv2DTranspose(Conv2DTranspose c, Shape input, List<Regularization> decay) {
        int[] k = c.kernelSize();
        int[] s = c.strides();
        int[] d = c.dilationRate();
        for (int i = 0; i < 2; i++) {
            if (c.padding().equals("valid") && (long) (k[i] - 1) * d[i] + 1 < s[i]) {
                // Keras then appends (stride - kernel) rows that get the bias only; DL4J's Truncate omits them
                throw new IllegalArgumentException(c + ": padding \"valid\" with a kernel smaller than the strides is not"
                        + " supported on the DL4J backend, got kernelSize " + Arrays.toString(k) + " and strides "
                        + Arrays.toString(s) + "; use padding \"same\" or kernelSize >= strides");
            }
            if (d[i] > 1) {
                // DL4J 1.0.0-M2.1 runs the forward pass but its deconv2d_bp (oneDNN) fails for dilated kernels
                throw new IllegalArgumentException(c + ": dilationRate > 1 is not supported on the DL4J backend, got "
                        + Arrays.toString(d));
            }
        }
        long channels = input.last();
        Deconvolution2D.Builder b = new Deconvolution2D.Builder().dataFormat(CNN2DFormat.NHWC);
        convolution(b, c, k, s, d, mode(c.padding()), decay);
        b.nIn(channels).nOut(c.filters()).weightInit(Dl4jInitializers.toDl4j(c.kernelInitializer(), c.kernelShape(channels)));
        b.regularization(regularization(c.kernelRegularizer(), decay));
        return b.build();
    }

    static DepthwiseConvolution2D depthwiseConv2D(DepthwiseConv2D c, Shape input, List<Regularization> decay) {
        long channels = input.last();
        DepthwiseConvolution2D.Builder b = new DepthwiseConvolution2D.Builder().dataFormat(CNN2DFormat.NHWC)
                .depthMultiplier(c.depthMultiplier());
        convolution(b, c, c.kernelSize(), c.strides(), c.dilationRate(), mode(c.padding()), decay);
        b.nIn(channels).nOut(channels * c.depthMultiplier())
                .weightInit(Dl4jInitializers.toDl4j(c.depthwiseInitializer(), c.depthwiseKernelShape(channels)));
        b.regularization(regularization(c.depthwiseRegularizer(), decay));
        return b.build();
    }

    static SeparableConvolution2D separableConv2D(SeparableConv2D c, Shape input, List<Regularization> decay) {
        if (!java.util.Objects.equals(c.depthwiseRegularizer(), c.pointwiseRegularizer())) {
            // DL4J regularizes all weights of a layer alike
            throw new IllegalArgumentException(c + ": depthwiseRegularizer and pointwiseRegularizer must be equal on the DL4J"
                    + " backend, got " + c.depthwiseRegularizer() + " and " + c.pointwiseRegularizer());
        }
        long channels = input.last();
        int[] k = c.kernelSize();
        IWeightInit init = new SeparableWeightInit(
                Dl4jInitializers.toDl4j(c.depthwiseInitializer(), c.depthwiseKernelShape(channels)),
                Dl4jInitializers.toDl4j(c.pointwiseInitializer(), c.pointwiseKernelShape(channels)),
                new long[] {c.depthMultiplier(), channels, k[0], k[1]});
        SeparableConvolution2D.Builder b = new SeparableConvolution2D.Builder().dataFormat(CNN2DFormat.NHWC)
                .depthMultiplier(c.depthMultiplier());
        convolution(b, c, k, c.strides(), c.dilationRate(), mode(c.padding()), decay);
        b.nIn(channels).nOut(c.filters()).weightInit(init);
        b.regularization(regularization(c.depthwiseRegularizer(), decay));
        return b.build();
    }

    /** Max or average pooling; 1-D pools run as (p, 1) windows. Average excludes padding, as Keras. */
    static SubsamplingLayer pooling(BasePooling<?> p) {
        int[] pool = p.poolSize();
        int[] strides = p.strides();
        if (p.rank() == 1) {
            pool = new int[] {pool[0], 1};
            strides = new int[] {strides[0], 1};
        }
        return new SubsamplingLayer.Builder(p.isMax() ? PoolingType.MAX : PoolingType.AVG)
                .kernelSize(pool)
                .stride(strides)
                .padding(0, 0)
                .dilation(1, 1)
                .convolutionMode(mode(p.padding()))
                .avgPoolIncludePadInDivisor(false)
                .dataFormat(CNN2DFormat.NHWC)
                .name(p.name())
                .build();
    }

    /** Pools the spatial axes 1 and 2 of NHWC (steps and the unit width for 1-D) to {@code [batch, channels]}. */
    static GlobalPoolingLayer globalPooling(BaseGlobalPooling<?> g) {
        return new GlobalPoolingLayer.Builder(g.isMax() ? PoolingType.MAX : PoolingType.AVG)
                .poolingDimensions(1, 2)
                .collapseDimensions(true)
                .name(g.name())
                .build();
    }

    static ZeroPaddingLayer zeroPadding2D(ZeroPadding2D z) {
        int[] p = z.padding();
        return new ZeroPaddingLayer.Builder(p[0], p[1], p[2], p[3]).dataFormat(CNN2DFormat.NHWC).name(z.name()).build();
    }

    static org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D cropping2D(Cropping2D c) {
        int[] p = c.cropping();
        return new org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D.Builder(p[0], p[1], p[2], p[3])
                .dataFormat(CNN2DFormat.NHWC).name(c.name()).build();
    }

    static Upsampling2D upSampling2D(UpSampling2D u) {
        if (!u.interpolation().equals("nearest")) {
            throw new IllegalArgumentException(u + ": interpolation \"" + u.interpolation()
                    + "\" is not supported on the DL4J backend; use \"nearest\"");
        }
        return new Upsampling2D.Builder().size(u.size()).dataFormat(CNN2DFormat.NHWC).name(u.name()).build();
    }

    static DropoutLayer spatialDropout2D(SpatialDropout2D s) {
        return new DropoutLayer.Builder().dropOut(new NhwcSpatialDropout(1.0 - s.rate())).name(s.name()).build();
    }

    /** What every convolution builder shares: geometry, mode, activation, bias, name. */
    private static void convolution(ConvolutionLayer.BaseConvBuilder<?> b, BaseConv<?> c, int[] kernel, int[] strides,
                                    int[] dilation, ConvolutionMode mode, List<Regularization> decay) {
        b.kernelSize(kernel);
        b.stride(strides);
        b.dilation(dilation);
        b.padding(new int[kernel.length]);
        b.convolutionMode(mode);
        b.hasBias(c.useBias());
        b.activation(Activation.IDENTITY); // the activation is a layer of its own, see #convolution
        b.biasInit(Dl4jInitializers.biasValue(c.biasInitializer(), c.toString()));
        b.regularizationBias(regularization(c.biasRegularizer(), decay));
        b.name(c.name());
    }

    private static List<Regularization> regularization(Regularizer regularizer, List<Regularization> decay) {
        List<Regularization> out = new ArrayList<>(Dl4jRegularizers.toDl4j(regularizer));
        out.addAll(decay);
        return out;
    }

    private static ConvolutionMode mode(String padding) {
        return padding.equals("same") ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
