package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.KerasActivationLayer;
import org.keras4j.internal.dl4j.layers.KerasConvolutionLayer;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.convolutional.Conv2DTranspose;
import org.keras4j.layers.convolutional.DepthwiseConv2D;
import org.keras4j.layers.convolutional.SeparableConv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.AveragePooling2D;
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.keras4j.layers.pooling.GlobalMaxPooling1D;
import org.keras4j.layers.pooling.MaxPooling1D;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.regularization.SpatialDropout2D;
import org.keras4j.layers.reshaping.Cropping2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Reshape;
import org.keras4j.layers.reshaping.UpSampling2D;
import org.keras4j.layers.reshaping.ZeroPadding2D;
import org.keras4j.losses.Losses;
import org.keras4j.optimizers.Adam;
import org.keras4j.regularizers.Regularizers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The translated layers compute what Keras (TensorFlow backend) computes on hand-checked
 * inputs: NHWC in, Keras's padding split, Keras's flatten order, no permutes.
 */
class Dl4jConvolutionalLayersTest {

    /** Predictions of a linear model made of {@code layers}, with kernels of ones and zero biases where set so. */
    private static INDArray predict(Shape input, INDArray x, Layer... layers) {
        Sequential model = new Sequential(new Input(input));
        for (Layer l : layers) {
            model.add(l);
        }
        model.compile("sgd", "mse");
        return model.predict(x);
    }

    private static INDArray image(float[] values, long... shape) {
        return Nd4j.createFromArray(values).reshape(shape);
    }

    private static float[] range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void conv2DSamePadding_stride2_padsBottomRightLikeTensorFlow() {
        // 4x4 input 0..15, 3x3 kernel of ones, stride 2, "same": TF pads 0 rows/cols before and 1 after
        INDArray out = predict(Shape.of(4, 4, 1), image(range(16), 1, 4, 4, 1),
                new Conv2D(1, 3).withStrides(2).withPadding("same").withKernelInitializer("ones"));
        assertArrayEquals(new long[] {1, 2, 2, 1}, out.shape());
        assertArrayEquals(new float[] {45, 39, 66, 50}, out.reshape(4).toFloatVector(), 1e-4f);
    }

    @Test
    void conv2DValid_mixesChannelsAndAddsBias() {
        // 2x2x2 input, 2x2 kernel of ones, bias 0.5: the sum of all 8 values plus the bias, per filter
        INDArray out = predict(Shape.of(2, 2, 2), image(range(8), 1, 2, 2, 2),
                new Conv2D(3, 2).withKernelInitializer("ones").withBiasInitializer(org.keras4j.initializers.Initializers.constant(0.5)));
        assertArrayEquals(new float[] {28.5f, 28.5f, 28.5f}, out.reshape(3).toFloatVector(), 1e-4f);
    }

    @Test
    void conv1D_causalValidAndSame_matchKeras() {
        INDArray x = image(new float[] {1, 2, 3, 4}, 1, 4, 1);
        assertArrayEquals(new float[] {1, 3, 5, 7}, predict(Shape.of(4, 1), x,
                new Conv1D(1, 2).withPadding("causal").withKernelInitializer("ones")).reshape(4).toFloatVector(), 1e-5f);
        assertArrayEquals(new float[] {3, 5, 7}, predict(Shape.of(4, 1), x,
                new Conv1D(1, 2).withKernelInitializer("ones")).reshape(3).toFloatVector(), 1e-5f);
        assertArrayEquals(new float[] {3, 5, 7, 4}, predict(Shape.of(4, 1), x,
                new Conv1D(1, 2).withPadding("same").withKernelInitializer("ones")).reshape(4).toFloatVector(), 1e-5f);
    }

    @Test
    void conv1D_dilatedCausal_skipsSteps() {
        // kernel 2, dilation 2: out[t] = x[t] + x[t-2]
        INDArray x = image(new float[] {1, 2, 3, 4, 5}, 1, 5, 1);
        assertArrayEquals(new float[] {1, 2, 4, 6, 8}, predict(Shape.of(5, 1), x,
                new Conv1D(1, 2).withPadding("causal").withDilationRate(2).withKernelInitializer("ones"))
                .reshape(5).toFloatVector(), 1e-5f);
    }

    @Test
    void flatten_afterPooling_followsKerasHwcOrder() {
        // value 100*h + 10*w + c; 2x2 max pooling keeps odd rows and columns
        float[] v = new float[32];
        for (int h = 0; h < 4; h++) {
            for (int w = 0; w < 4; w++) {
                for (int c = 0; c < 2; c++) {
                    v[(h * 4 + w) * 2 + c] = 100 * h + 10 * w + c;
                }
            }
        }
        INDArray out = predict(Shape.of(4, 4, 2), image(v, 1, 4, 4, 2), new MaxPooling2D(), new Flatten());
        assertArrayEquals(new float[] {110, 111, 130, 131, 310, 311, 330, 331}, out.toFloatVector(), 1e-5f);
    }

    @Test
    void flatten_afterOneDimensionalLayer_isStepsMajor() {
        INDArray x = image(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);
        INDArray out = predict(Shape.of(3, 2), x, new MaxPooling1D(1), new Flatten());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, out.toFloatVector(), 1e-6f);
    }

    @Test
    void flattenThenReshape_restoresTheImageAsModelOutput() {
        // a 1x1 conv of ones copies the single channel into both filters; Flatten then Reshape must give it back
        INDArray x = image(range(12), 2, 3, 2, 1);
        INDArray out = predict(Shape.of(3, 2, 1), x, new Conv2D(2, 1).withKernelInitializer("ones"), new Flatten(),
                new Reshape(3, 2, 2));
        assertArrayEquals(new long[] {2, 3, 2, 2}, out.shape());
        INDArray expected = Nd4j.concat(3, x, x);
        assertEquals(expected, out);
    }

    @Test
    void poolingSame_ignoresPaddingLikeKeras() {
        // all -1 except -3 at the corner; the bottom/right windows overlap the padding
        float[] v = {-1, -1, -1, -1, -1, -1, -1, -1, -3};
        INDArray x = image(v, 1, 3, 3, 1);
        assertArrayEquals(new float[] {-1, -1, -1, -3},
                predict(Shape.of(3, 3, 1), x, new MaxPooling2D().withPadding("same")).reshape(4).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {-1, -1, -1, -3},
                predict(Shape.of(3, 3, 1), x, new AveragePooling2D().withPadding("same")).reshape(4).toFloatVector(), 1e-6f);
    }

    @Test
    void globalPooling_reducesEachChannel() {
        INDArray x = image(range(24), 1, 2, 4, 3);
        assertArrayEquals(new float[] {10.5f, 11.5f, 12.5f},
                predict(Shape.of(2, 4, 3), x, new GlobalAveragePooling2D()).toFloatVector(), 1e-5f);
        INDArray seq = image(range(12), 1, 4, 3);
        INDArray kept = predict(Shape.of(4, 3), seq, new GlobalMaxPooling1D().withKeepdims(true));
        assertArrayEquals(new long[] {1, 1, 3}, kept.shape());
        assertArrayEquals(new float[] {9, 10, 11}, kept.reshape(3).toFloatVector(), 1e-6f);
    }

    @Test
    void depthwiseConv2D_outputChannelsAreChannelMajor() {
        // Keras orders depthwise outputs channel * depthMultiplier + m
        INDArray out = predict(Shape.of(1, 1, 2), image(new float[] {1, 10}, 1, 1, 1, 2),
                new DepthwiseConv2D(1).withDepthMultiplier(2).withDepthwiseInitializer("ones"));
        assertArrayEquals(new float[] {1, 1, 10, 10}, out.reshape(4).toFloatVector(), 1e-6f);
    }

    @Test
    void conv2DTransposeSame_cropsLikeTensorFlow() {
        // one 1 at (0, 0), 3x3 kernel of ones, stride 2 "same": the 3x3 block at the top-left of a 4x4 output
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 2, 2, 1);
        x.putScalar(new long[] {0, 0, 0, 0}, 1);
        INDArray out = predict(Shape.of(2, 2, 1), x,
                new Conv2DTranspose(1, 3).withStrides(2).withPadding("same").withKernelInitializer("ones")).reshape(4, 4);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(r < 3 && c < 3 ? 1f : 0f, out.getFloat(r, c), 1e-6f, "(" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void paddingCroppingAndUpsampling_placeValuesLikeKeras() {
        INDArray x = image(new float[] {1, 2, 3, 4}, 1, 2, 2, 1);
        INDArray padded = predict(Shape.of(2, 2, 1), x, new ZeroPadding2D(1, 0, 0, 2)).reshape(3, 4);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}, padded.reshape(12).toFloatVector(), 1e-6f);
        INDArray up = predict(Shape.of(2, 2, 1), x, new UpSampling2D(1, 2)).reshape(8);
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 4, 4}, up.toFloatVector(), 1e-6f);
        INDArray big = image(range(16), 1, 4, 4, 1);
        INDArray cropped = predict(Shape.of(4, 4, 1), big, new Cropping2D(1, 0, 2, 1)).reshape(3);
        assertArrayEquals(new float[] {6, 10, 14}, cropped.toFloatVector(), 1e-6f);
    }

    @Test
    void batchNormalizationOnImages_normalizesPerChannel() {
        // at initialization inference uses mean 0, variance 1: x / sqrt(1 + 1e-3); 4 parameters per channel, as Keras
        Sequential model = new Sequential(new Input(2, 2, 3), new BatchNormalization(), new Flatten());
        model.compile("sgd", "mse");
        assertEquals(12, model.network().numParams());
        INDArray x = image(range(12), 1, 2, 2, 3);
        assertArrayEquals(x.reshape(12).div(Math.sqrt(1.001)).toFloatVector(), model.predict(x).toFloatVector(), 1e-4f);
        Keras.setRandomSeed(5);
        INDArray batch = Nd4j.rand(DataType.FLOAT, 16, 2, 2, 3).muli(4).addi(3);
        double loss = model.fit(batch, batch.reshape(16, 12), org.keras4j.FitOptions.defaults().epochs(1).batchSize(16).verbose(0))
                .last("loss");
        assertTrue(Double.isFinite(loss), "loss " + loss);
    }

    @Test
    void spatialDropout_dropsWholeChannelsAndScalesTheRest() {
        Nd4j.getRandom().setSeed(3);
        NhwcSpatialDropout dropout = new NhwcSpatialDropout(0.5);
        INDArray in = Nd4j.ones(DataType.FLOAT, 4, 3, 3, 8);
        INDArray out = dropout.applyDropout(in, in.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        int dropped = 0;
        for (int n = 0; n < 4; n++) {
            for (int c = 0; c < 8; c++) {
                INDArray map = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                double min = map.minNumber().doubleValue();
                double max = map.maxNumber().doubleValue();
                assertEquals(min, max, 0.0, "channel " + c + " of sample " + n + " is not uniform");
                assertTrue(max == 0.0 || max == 2.0, "value " + max);
                dropped += max == 0.0 ? 1 : 0;
            }
        }
        assertTrue(dropped > 4 && dropped < 28, "dropped " + dropped + " of 32 channels");
        INDArray grad = dropout.backprop(Nd4j.ones(DataType.FLOAT, 4, 3, 3, 8), Nd4j.zeros(DataType.FLOAT, 4, 3, 3, 8), 0, 0);
        assertEquals(out, grad);
    }

    @Test
    void spatialDropout2D_isIdentityAtInference() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 3, 4);
        assertEquals(x, predict(Shape.of(3, 3, 4), x, new SpatialDropout2D(0.5)));
    }

    @Test
    void conv2DKernel_glorotUniform_usesKerasFansNotStrideDividedOnes() {
        // Keras: limit = sqrt(6 / (5*5*1 + 5*5*16)) = 0.1188; DL4J's own fan_out / strides^2 would give 0.219
        Keras.setRandomSeed(2);
        Sequential model = new Sequential(new Input(28, 28, 1), new Conv2D(16, 5).withStrides(2));
        model.compile("sgd", "mse");
        double max = model.network().params().amaxNumber().doubleValue();
        assertTrue(max <= Math.sqrt(6.0 / 425) && max > 0.11, "largest |w| " + max);
    }

    @Test
    void conv2DTranspose_kernelSmallerThanStridesWithValid_throwsAtCompile() {
        Sequential model = new Sequential(new Input(4, 4, 1), new Conv2DTranspose(2, 1).withStrides(2).withName("up"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("Conv2DTranspose 'up'") && e.getMessage().contains("padding \"same\""), e.getMessage());
    }

    @Test
    void conv2DTranspose_dilated_throwsAtCompile() {
        // Keras: (5 - 1) + 5 = 9 rows; DL4J computes them but fails in backprop, so it is refused up front
        Conv2DTranspose dilated = new Conv2DTranspose(2, 3).withDilationRate(2);
        assertEquals(Shape.of(9, 9, 2), dilated.computeOutputShape(Shape.of(5, 5, 1)));
        Sequential model = new Sequential(new Input(5, 5, 1), dilated);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("dilationRate > 1"), e.getMessage());
    }

    @Test
    void upSampling2D_bilinear_throwsAtCompile() {
        Sequential model = new Sequential(new Input(4, 4, 1), new UpSampling2D().withInterpolation("bilinear"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("\"nearest\""), e.getMessage());
    }

    @Test
    void separableConv2D_differentRegularizers_throwAtCompile() {
        Sequential model = new Sequential(new Input(6, 6, 3), new SeparableConv2D(4, 3)
                .withDepthwiseRegularizer(Regularizers.l2(0.01)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse"));
        assertTrue(e.getMessage().contains("depthwiseRegularizer and pointwiseRegularizer"), e.getMessage());
    }

    @Test
    void separableConv2D_initializesEachKernelWithItsOwnInitializer() {
        Sequential model = new Sequential(new Input(4, 4, 2), new SeparableConv2D(3, 3).withDepthwiseInitializer("ones")
                .withPointwiseInitializer("zeros").withBiasInitializer("ones"));
        model.compile("sgd", "mse");
        // 3*3*2 ones, 2*3 zeros, 3 ones (bias): 21 ones in all
        assertEquals(27, model.network().numParams());
        assertEquals(21.0, model.network().params().sumNumber().doubleValue(), 1e-6);
    }

    @Test
    void convolutionWithActivation_isALinearConvolutionThenAnActivationLayer() {
        // DL4J applies a fused NHWC activation derivative on permuted views, a slow strided loop
        List<org.deeplearning4j.nn.conf.layers.Layer> relu = Dl4jConvolutionalLayers.translate(
                new Conv2D(4, 3, "relu").withName("c"), Shape.of(8, 8, 1), List.of());
        assertEquals(2, relu.size());
        assertInstanceOf(ActivationIdentity.class, ((ConvolutionLayer) relu.get(0)).getActivationFn());
        ActivationLayer activation = (ActivationLayer) relu.get(1);
        assertInstanceOf(ActivationReLU.class, activation.getActivationFn());
        assertEquals("c_activation", activation.getLayerName());

        List<org.deeplearning4j.nn.conf.layers.Layer> causal = Dl4jConvolutionalLayers.translate(
                new Conv1D(2, 3, "tanh").withPadding("causal"), Shape.of(8, 1), List.of());
        assertEquals(List.of(ZeroPaddingLayer.class, KerasConvolutionLayer.class, KerasActivationLayer.class),
                causal.stream().map(Object::getClass).toList());

        List<org.deeplearning4j.nn.conf.layers.Layer> linear = Dl4jConvolutionalLayers.translate(
                new Conv2D(4, 3), Shape.of(8, 8, 1), List.of());
        assertEquals(1, linear.size(), "a linear convolution needs no activation layer");
    }

    @Test
    void convolutionWithSeparateActivation_predictsAsDl4jsFusedConvolution() {
        Keras.setRandomSeed(5);
        Sequential model = new Sequential(new Input(8, 8, 2), new Conv2D(3, 3, "relu").withPadding("same"),
                new MaxPooling2D(2), new Conv2D(4, 3, "tanh"), new Flatten(), new Dense(2, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        MultiLayerConfiguration fused = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).dataFormat(CNN2DFormat.NHWC).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).dataFormat(CNN2DFormat.NHWC).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.TANH).dataFormat(CNN2DFormat.NHWC).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork reference = new MultiLayerNetwork(fused);
        reference.init();
        reference.setParams(model.network().params()); // the same parameters in the same order
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 8, 8, 2);
        INDArray expected = reference.output(x);
        INDArray actual = model.predict(x);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void translatedCnn_survivesDl4jJsonRoundTrip() {
        List<Layer> layers = List.of(new Conv1D(4, 3).withPadding("causal").withName("c1"), new MaxPooling1D().withName("p1"),
                new Reshape(4, 2, 2).withName("r"), new SeparableConv2D(2, 1).withName("s"), new SpatialDropout2D(0.1).withName("d"),
                new Dropout(0.2).withName("d2"), new Flatten().withName("f"), new Dense(3, "softmax").withName("out"));
        MultiLayerConfiguration conf = SequentialTranslator.translate(layers, Shape.of(8, 2),
                Losses.get("categorical_crossentropy"), 1.0, new Adam(), 1L);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    /**
     * Backprop through the compiled network against central differences of its loss, on a sample
     * of parameters of every layer. Catches layout mix-ups and broken native gradients.
     */
    private static void assertGradientsMatchFiniteDifferences(Sequential model, INDArray x, INDArray y) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork)
                model.network().unwrap();
        INDArray features = x.reshape(x.shape()); // the same layout Dl4jSequentialNetwork passes
        net.setInput(features);
        net.setLabels(y);
        net.computeGradientAndScore();
        // DL4J sums gradients over the batch and divides by its size in the updater; the score is the batch mean
        INDArray analytic = net.gradient().gradient().div(x.size(0));
        INDArray params = net.params().dup();
        java.util.Random pick = new java.util.Random(1);
        double eps = 1e-3;
        int checked = 0;
        for (int n = 0; n < 60; n++) {
            int i = pick.nextInt((int) params.length());
            double p = params.getDouble(i);
            INDArray plus = params.dup();
            plus.putScalar(i, p + eps);
            net.setParams(plus);
            net.computeGradientAndScore();
            double up = net.score();
            INDArray minus = params.dup();
            minus.putScalar(i, p - eps);
            net.setParams(minus);
            net.computeGradientAndScore();
            double down = net.score();
            double numeric = (up - down) / (2 * eps);
            double a = analytic.getDouble(i);
            assertEquals(numeric, a, 0.02 * Math.max(Math.abs(numeric), Math.abs(a)) + 2e-3, "parameter " + i);
            checked++;
        }
        net.setParams(params);
        assertEquals(60, checked);
    }

    @Test
    void imageCnnGradients_matchFiniteDifferences() {
        Keras.setRandomSeed(21);
        Sequential model = new Sequential(new Input(6, 6, 2),
                new Conv2D(3, 3, "relu").withPadding("same").withStrides(2),
                new DepthwiseConv2D(2, "tanh").withDepthMultiplier(2).withPadding("same"),
                new MaxPooling2D(2).withPadding("same"),
                new Conv2DTranspose(2, 2, "relu").withStrides(2),
                new SeparableConv2D(2, 3, "tanh"),
                new Flatten(), new Dense(3));
        model.compile("sgd", "mse");
        assertGradientsMatchFiniteDifferences(model, Nd4j.rand(DataType.FLOAT, 4, 6, 6, 2), Nd4j.rand(DataType.FLOAT, 4, 3));
    }

    @Test
    void sequenceCnnGradients_matchFiniteDifferences() {
        Keras.setRandomSeed(22);
        Sequential model = new Sequential(new Input(9, 3),
                new Conv1D(4, 3, "relu").withPadding("causal").withDilationRate(2),
                new org.keras4j.layers.pooling.AveragePooling1D(2).withStrides(1),
                new Conv1D(2, 2, "tanh").withStrides(2),
                new Flatten(), new Dense(2));
        model.compile("sgd", "mse");
        assertGradientsMatchFiniteDifferences(model, Nd4j.rand(DataType.FLOAT, 4, 9, 3), Nd4j.rand(DataType.FLOAT, 4, 2));
    }

    @Test
    void layouts_reViewTheSameValues() {
        assertArrayEquals(new long[] {10, 1, 4}, Layout.image(Shape.of(10, 4)).dims());
        assertArrayEquals(new long[] {28, 28, 1}, Layout.image(Shape.of(28, 28, 1)).dims());
        assertArrayEquals(new long[] {24, 1, 5}, Layout.image(Shape.of(2, 3, 4, 5)).dims());
        assertEquals(Layout.Kind.RECURRENT, Layout.natural(Shape.of(10, 4)).kind());
        assertArrayEquals(new long[] {784}, SequentialTranslator.inputDims(Shape.of(784)));
        assertArrayEquals(new long[] {120}, SequentialTranslator.inputDims(Shape.of(2, 3, 4, 5)));
    }
}
