package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.layers.KerasActivationLayer;
import org.keras4j.internal.dl4j.layers.KerasDenseLayer;
import org.keras4j.internal.dl4j.layers.KerasOutputLayer;
import org.keras4j.internal.dl4j.losses.PerPositionActivation;
import org.keras4j.internal.dl4j.losses.PerPositionLoss;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Reshape;
import org.keras4j.losses.Loss;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The one place that turns a keras4j {@code Sequential} into a DL4J
 * {@link MultiLayerConfiguration}. Every DL4J field that differs from Keras is set
 * explicitly; the last layer and the loss are fused into DL4J's output layer:
 * {@code Dense(act)} becomes {@code OutputLayer(act, loss)}, a trailing {@code Activation}
 * is folded into it, and anything else ends in a parameter-free {@code LossLayer}. Outputs of rank
 * &gt; 1 per sample end in a {@code LossLayer} whose activation and loss work per position of the last
 * axis ({@code PerPositionLoss}), and Dense on rank &gt; 1 runs per position ({@code TimeDistributed}).
 * Dense layers run as {@link KerasDenseLayer} / {@link KerasOutputLayer}, DL4J's with the forward
 * product written straight into the activations.
 *
 * <p>Activations keep Keras's element order everywhere (images NHWC, sequences steps-major), so
 * Flatten and Reshape add no DL4J layer: the next layer re-views the same values in the
 * {@link Layout} it reads (a free c-order reshape, {@link ReshapePreprocessor}).
 * After each layer, DL4J's output type is checked against Keras's output shape.
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = SequentialTranslator.translate(layers, Shape.of(784), loss, new Adam(), 42L);
 * }</pre>
 */
public final class SequentialTranslator {
    private SequentialTranslator() {
    }

    /**
     * @param layers the model's layers, without the {@code Input}
     * @param inputShape shape of one input sample
     */
    public static MultiLayerConfiguration translate(List<Layer> layers, Shape inputShape, Loss loss,
                                                    Optimizer optimizer, long seed) {
        List<Shape> inputShapes = new ArrayList<>();
        Shape shape = inputShape;
        for (Layer layer : layers) {
            inputShapes.add(shape);
            shape = layer.computeOutputShape(shape);
        }
        Shape outputShape = shape;

        int end = layers.size();
        ActivationFunction tailActivation = null;
        if (end > 0 && activationOf(layers.get(end - 1)) != null) {
            tailActivation = activationOf(layers.get(end - 1));
            end--;
        }
        Dense outputDense = null;
        boolean perPositionOutput = false; // the last layer is a Dense on rank > 1 whose activation the loss layer applies
        if (end > 0 && layers.get(end - 1) instanceof Dense d && (tailActivation == null || d.activation().isLinear())) {
            if (inputShapes.get(end - 1).rank() == 1) {
                outputDense = d;
                end--;
            } else {
                // a per-position Dense runs linear; its activation goes to the loss layer, fused with the loss
                tailActivation = tailActivation == null ? d.activation() : tailActivation;
                perPositionOutput = true;
            }
        }

        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(Dl4jUpdaters.toDl4j(optimizer))
                .gradientNormalization(Dl4jUpdaters.gradientNormalization(optimizer))
                .gradientNormalizationThreshold(Dl4jUpdaters.gradientNormalizationThreshold(optimizer))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .miniBatch(true);
        NeuralNetConfiguration.ListBuilder list = base.list();
        List<Regularization> decay = Dl4jUpdaters.weightDecay(optimizer);
        Layout inputLayout = Layout.natural(inputShape);
        Stack stack = new Stack(list, inputLayout);
        for (int i = 0; i < end; i++) {
            Layer layer = layers.get(i);
            Shape in = inputShapes.get(i);
            if (layer instanceof Flatten || layer instanceof Reshape) {
                continue; // the values keep Keras's order; the next DL4J layer views them in its own layout
            }
            Layout wanted = wantedLayout(layer, in, stack.current);
            boolean linearOutput = perPositionOutput && i == end - 1;
            List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = translateLayer(layer, in, decay, linearOutput);
            if (!layer.isTrainable()) {
                dl4j = Freezing.freeze(dl4j);
            }
            for (org.deeplearning4j.nn.conf.layers.Layer l : dl4j) {
                stack.add(l, wanted);
                wanted = stack.current;
            }
            stack.checkOutput(layer, i + 1 < layers.size() ? inputShapes.get(i + 1) : outputShape);
        }
        org.deeplearning4j.nn.conf.layers.Layer output = outputLayer(outputDense,
                outputDense == null ? outputShape : inputShapes.get(end), tailActivation, outputShape, loss, decay);
        stack.add(outputDense != null && !outputDense.isTrainable() ? Freezing.freeze(output) : output,
                Layout.flat(outputDense == null ? outputShape : inputShapes.get(end)));
        list.setInputType(inputLayout.inputType());
        return list.build();
    }

    /**
     * The DL4J dims of one input sample, as {@link Dl4jSequentialNetwork} passes it: the user's
     * array for vectors, sequences and images, flattened for higher ranks.
     */
    public static long[] inputDims(Shape inputShape) {
        return Layout.natural(inputShape).dims();
    }

    /**
     * The layout a layer reads: flat for Dense, NHWC for convolutions and batch norm, NWC for
     * recurrent layers, unchanged for element-wise layers.
     */
    private static Layout wantedLayout(Layer layer, Shape input, Layout current) {
        if (layer instanceof Dense) {
            // beyond rank 1 Keras applies Dense to the last axis: a sequence of positions, each a vector
            return input.rank() == 1 ? Layout.flat(input) : Layout.natural(positions(input));
        }
        if (Dl4jConvolutionalLayers.handles(layer)) {
            return Layout.image(input);
        }
        if (Dl4jRecurrentLayers.handles(layer)) {
            return Layout.natural(input); // NWC (timesteps, features), the user's own layout
        }
        if (layer instanceof org.keras4j.layers.normalization.BatchNormalization) {
            // Keras normalizes the last axis: NHWC channels, or the features of a vector
            return input.rank() == 1 ? Layout.flat(input) : Layout.image(input);
        }
        return current;
    }

    /** DL4J layers in order, with the layout of the activations between them. */
    private static final class Stack {
        private final NeuralNetConfiguration.ListBuilder list;
        private Layout current;
        private int size;

        Stack(NeuralNetConfiguration.ListBuilder list, Layout input) {
            this.list = list;
            this.current = input;
        }

        /** Appends a layer reading {@code wanted}, re-viewing the activations first if they are laid out otherwise. */
        void add(org.deeplearning4j.nn.conf.layers.Layer layer, Layout wanted) {
            if (!wanted.equals(current)) {
                list.inputPreProcessor(size, new ReshapePreprocessor(current, wanted, size == 0));
            }
            list.layer(layer);
            current = Layout.of(layer.getOutputType(size, wanted.inputType()));
            size++;
        }

        /** Fails if DL4J's output for a layer differs from Keras's shape: a translation bug, caught at compile. */
        void checkOutput(Layer layer, Shape kerasOutput) {
            boolean same = current.size() == kerasOutput.size() && (!Dl4jConvolutionalLayers.handles(layer)
                    || current.kind() != Layout.Kind.CONVOLUTIONAL || current.equals(Layout.image(kerasOutput)));
            if (!same) {
                throw new IllegalStateException("internal: DL4J computes " + current + " for " + layer + " but Keras's output"
                        + " shape is " + kerasOutput);
            }
        }
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
     * @param linearOutput true for the model's last Dense when its activation is fused with the
     *     loss instead
     */
    private static List<org.deeplearning4j.nn.conf.layers.Layer> translateLayer(Layer layer, Shape input,
                                                                                List<Regularization> decay,
                                                                                boolean linearOutput) {
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
            return Dl4jRecurrentLayers.translate(layer, input, decay);
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

    private static <B extends org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<B>> B dense(
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

    private static org.deeplearning4j.nn.conf.layers.Layer outputLayer(Dense dense, Shape denseInput,
                                                                       ActivationFunction tailActivation, Shape outputShape,
                                                                       Loss loss, List<Regularization> decay) {
        ActivationFunction activation = tailActivation != null ? tailActivation
                : dense != null ? dense.activation() : Activations.linear();
        if (outputShape.rank() > 1) {
            // Keras reduces the loss over the last axis only, then averages over positions and batch
            Dl4jLosses.Fused fused = Dl4jLosses.fuse(loss, activation, outputShape.last());
            return new LossLayer.Builder()
                    .activation(new PerPositionActivation(fused.activation(), outputShape.last()))
                    .lossFunction(new PerPositionLoss(fused.loss(), outputShape.last()))
                    .name("loss").build();
        }
        Dl4jLosses.Fused fused = Dl4jLosses.fuse(loss, activation, outputShape.size());
        if (dense != null) {
            OutputLayer.Builder b = dense(new OutputLayer.Builder(), dense, denseInput, decay);
            return new KerasOutputLayer(b.activation(fused.activation()).lossFunction(fused.outputLayerLoss()));
        }
        return new LossLayer.Builder().activation(fused.activation()).lossFunction(fused.loss()).name("loss").build();
    }
}
