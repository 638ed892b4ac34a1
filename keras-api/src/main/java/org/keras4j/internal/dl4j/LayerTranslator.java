package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.internal.dl4j.layers.KerasActivationLayer;
import org.keras4j.internal.dl4j.layers.KerasDenseLayer;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Reshape;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The per-layer dispatch both network assemblers share: which {@link Layout} a keras4j layer
 * reads, and the DL4J layers it becomes. Dense on rank &gt; 1 runs per position of the last axis
 * ({@code TimeDistributed}); Dense layers run as {@link KerasDenseLayer}, DL4J's with the forward
 * product written straight into the activations; convolutional and recurrent layers are
 * translated by {@link Dl4jConvolutionalLayers}, {@link Dl4jRecurrentLayers} and {@link Dl4jBidirectional},
 * sequence layers (Embedding, Masking, RepeatVector, Permute, TimeDistributed) by {@link Dl4jSequenceLayers}.
 *
 * <pre>{@code
 * Layout wanted = LayerTranslator.wantedLayout(layer, in, current);
 * List<Layer> dl4j = LayerTranslator.translate(layer, in, decay, false, false);
 * }</pre>
 */
final class LayerTranslator {
    private LayerTranslator() {
    }

    /**
     * The layout a layer reads: flat for Dense, NHWC for convolutions and batch norm, NWC for
     * recurrent layers, unchanged for element-wise layers.
     */
    static Layout wantedLayout(Layer layer, Shape input, Layout current) {
        if (layer instanceof Dense) {
            // beyond rank 1 Keras applies Dense to the last axis: a sequence of positions, each a vector
            return input.rank() == 1 ? Layout.flat(input) : Layout.natural(positions(input));
        }
        if (Dl4jConvolutionalLayers.handles(layer)) {
            return Layout.image(input);
        }
        if (Dl4jRecurrentLayers.handles(layer) || Dl4jBidirectional.handles(layer)) {
            return Layout.natural(input); // NWC (timesteps, features), the user's own layout
        }
        if (Dl4jSequenceLayers.handles(layer)) {
            return Dl4jSequenceLayers.wantedLayout(layer, input, current);
        }
        if (layer instanceof org.keras4j.layers.normalization.BatchNormalization) {
            // Keras normalizes the last axis: NHWC channels, or the features of a vector
            return input.rank() == 1 ? Layout.flat(input) : Layout.image(input);
        }
        return current;
    }

    /** The function of an activation-only layer, or null for any other layer. */
    static ActivationFunction activationOf(Layer layer) {
        if (layer instanceof Activation a) {
            return a.activation();
        }
        if (layer instanceof org.keras4j.layers.activations.ActivationLayer a) {
            return a.function();
        }
        return null;
    }

    /** {@code (positions, last axis)}: the shape a last-axis layer sees, leading axes merged (row-major, as Keras). */
    private static Shape positions(Shape s) {
        return Shape.of(s.size() / s.last(), s.last());
    }

    /**
     * The DL4J layers for one keras4j layer reading {@code input}, frozen if the layer is not
     * trainable. Flatten and Reshape have none ({@link #viewsOnly}).
     *
     * @param linearOutput true for a model's last Dense when its activation is fused with the
     *     loss instead
     * @param masked true when a Keras mask reaches the layer ({@code MaskPlan#reaches})
     */
    static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input,
                                                                   List<Regularization> decay,
                                                                   boolean linearOutput, boolean masked) {
        List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = translateLayer(layer, input, decay, linearOutput, masked);
        return layer.isTrainable() ? dl4j : Freezing.freeze(dl4j);
    }

    /**
     * The DL4J layers of a call with several inputs or outputs (not a merge): they read the inputs
     * side by side as one flat vector per sample, each in Keras's element order, and write the
     * outputs the same way when there are several.
     *
     * @throws IllegalArgumentException for a layer that takes one input and gives one output
     */
    static List<org.deeplearning4j.nn.conf.layers.Layer> translateCall(Layer layer, List<Shape> inputs, List<Shape> outputs,
                                                                       List<Regularization> decay, boolean masked) {
        if (Dl4jBidirectional.handles(layer) && inputs.size() == 1) {
            // no merge mode: the two directions side by side, as "concat" computes them, then sliced
            return translate(layer, inputs.get(0), decay, false, masked);
        }
        if (layer instanceof BaseRNN<?> rnn) {
            List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = List.of(Dl4jRecurrentLayers.kerasRecurrent(rnn,
                    inputs.get(0), decay, inputs.size() > 1, outputs.size() > 1));
            return layer.isTrainable() ? dl4j : Freezing.freeze(dl4j);
        }
        throw new IllegalArgumentException(layer + " takes one input tensor and returns one, got called on " + inputs.size()
                + " tensors " + inputs);
    }

    /** True for layers that only re-view their input (Flatten, Reshape): the values keep Keras's order. */
    static boolean viewsOnly(Layer layer) {
        return layer instanceof Flatten || layer instanceof Reshape
                || (layer instanceof org.keras4j.layers.rnn.TimeDistributed td && viewsOnly(td.layer()));
    }

    /** The DL4J layers of one keras4j layer, not frozen. */
    static List<org.deeplearning4j.nn.conf.layers.Layer> translateLayer(Layer layer, Shape input,
                                                                        List<Regularization> decay,
                                                                        boolean linearOutput, boolean masked) {
        // a Keras step mask passes Dense, Dropout and activations on sequences unused
        return Dl4jSequenceLayers.keepStepMask(layer, input, translateUnmasked(layer, input, decay, linearOutput, masked));
    }

    private static List<org.deeplearning4j.nn.conf.layers.Layer> translateUnmasked(Layer layer, Shape input,
                                                                                List<Regularization> decay,
                                                                                boolean linearOutput, boolean masked) {
        if (layer instanceof Dense d && input.rank() > 1) {
            DenseLayer.Builder b = dense(new DenseLayer.Builder(), d, input, decay);
            if (linearOutput) {
                b.activation(org.nd4j.linalg.activations.Activation.IDENTITY);
            }
            // TimeDistributed folds the positions into the batch: one [f, units] kernel for every position
            return List.of(new TimeDistributed(new KerasDenseLayer(b.build()), RNNFormat.NWC));
        }
        if (Dl4jConvolutionalLayers.handles(layer)) {
            return Dl4jConvolutionalLayers.translate(layer, input, decay);
        }
        if (Dl4jRecurrentLayers.handles(layer)) {
            return Dl4jRecurrentLayers.translate(layer, input, decay, masked);
        }
        if (Dl4jSequenceLayers.handles(layer)) {
            return Dl4jSequenceLayers.translate(layer, input, decay);
        }
        if (Dl4jBidirectional.handles(layer)) {
            return Dl4jBidirectional.translate(layer, input, decay, masked);
        }
        return List.of(translateCoreLayer(layer, input, decay));
    }

    private static org.deeplearning4j.nn.conf.layers.Layer translateCoreLayer(Layer layer, Shape input,
                                                                              List<Regularization> decay) {
        if (layer instanceof Dense d) {
            return new KerasDenseLayer(dense(new DenseLayer.Builder(), d, input, decay).build());
        }
        ActivationFunction f = activationOf(layer);
        if (f != null) {
            return new KerasActivationLayer(
                    new ActivationLayer.Builder().activation(Dl4jActivations.toDl4j(f)).name(layer.name()).build());
        }
        if (layer instanceof Dropout d) {
            return new DropoutLayer.Builder().dropOut(new org.deeplearning4j.nn.conf.dropout.Dropout(1.0 - d.rate()))
                    .name(layer.name()).build();
        }
        if (layer instanceof org.keras4j.layers.regularization.GaussianNoise g) {
            return new DropoutLayer.Builder().dropOut(new GaussianNoise(g.stddev())).name(layer.name()).build();
        }
        if (layer instanceof org.keras4j.layers.normalization.BatchNormalization bn) {
            if (bn.center() != bn.scale()) {
                throw new IllegalArgumentException(layer + ": center and scale must both be true or both false on the DL4J"
                        + " backend, got center=" + bn.center() + ", scale=" + bn.scale());
            }
            return new BatchNormalization.Builder()
                    .nIn(input.last()).nOut(input.last())
                    .decay(bn.momentum())
                    .eps(bn.epsilon())
                    .useLogStd(false)
                    .lockGammaBeta(!bn.center())
                    // rank > 1 runs in an image layout whose last axis holds the channels, as Keras normalizes
                    .dataFormat(input.rank() > 1 ? CNN2DFormat.NHWC : CNN2DFormat.NCHW)
                    .name(layer.name())
                    .build();
        }
        throw new IllegalArgumentException(layer + " is not supported by the DL4J translator yet");
    }

    static <B extends org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<B>> B dense(
            B builder, Dense d, Shape input, List<Regularization> decay) {
        String where = d.toString();
        List<Regularization> weightReg = new ArrayList<>(Dl4jRegularizers.toDl4j(d.kernelRegularizer()));
        weightReg.addAll(decay);
        List<Regularization> biasReg = new ArrayList<>(Dl4jRegularizers.toDl4j(d.biasRegularizer()));
        biasReg.addAll(decay);
        builder.nIn(input.last()).nOut(d.units())
                .activation(Dl4jActivations.toDl4j(d.activation()))
                .weightInit(Dl4jInitializers.toDl4j(d.kernelInitializer()))
                .biasInit(Dl4jInitializers.biasValue(d.biasInitializer(), where))
                .regularization(weightReg)
                .regularizationBias(biasReg)
                .name(d.name());
        if (d.kernelConstraint() != null) {
            builder.constrainWeights(Dl4jConstraints.forDenseKernel(d.kernelConstraint()));
        }
        if (d.biasConstraint() != null) {
            builder.constrainBias(Dl4jConstraints.forBias(d.biasConstraint()));
        }
        if (builder instanceof DenseLayer.Builder db) {
            db.hasBias(d.useBias());
        } else if (builder instanceof OutputLayer.Builder ob) {
            ob.hasBias(d.useBias());
        }
        return builder;
    }

}
