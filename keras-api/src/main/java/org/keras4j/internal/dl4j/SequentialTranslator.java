package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.engine.MaskPlan;
import org.keras4j.internal.dl4j.layers.KerasDenseLayer;
import org.keras4j.internal.dl4j.layers.KerasOutputLayer;
import org.keras4j.internal.dl4j.losses.PerPositionLoss;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Reshape;
import org.keras4j.losses.Loss;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The {@code MultiLayerNetwork} assembler: turns a keras4j {@code Sequential}'s chain of layers
 * into a DL4J {@link MultiLayerConfiguration}, with each layer from the shared per-layer dispatch
 * ({@link LayerTranslator}), the network-wide settings of {@link NetworkDefaults}, and the last
 * layers fused with the loss by {@link OutputFusion}: a last {@code Dense} (and a trailing
 * activation) become DL4J's output layer.
 *
 * <p>Activations keep Keras's element order everywhere (images NHWC, sequences steps-major), so
 * Flatten and Reshape add no DL4J layer: the next layer re-views the same values in the
 * {@link Layout} it reads (a free c-order reshape, {@link ReshapePreprocessor}).
 * After each layer, DL4J's output type is checked against Keras's output shape.
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = SequentialTranslator.translate(layers, Shape.of(784), loss, 1.0, new Adam(), 42L);
 * }</pre>
 */
public final class SequentialTranslator {
    private SequentialTranslator() {
    }

    /**
     * @param layers the model's layers, without the {@code Input}
     * @param inputShape shape of one input sample
     * @param lossWeight Keras's loss weight (1 for none)
     */
    public static MultiLayerConfiguration translate(List<Layer> layers, Shape inputShape, Loss loss, double lossWeight,
                                                    Optimizer optimizer, long seed) {
        return translate(layers, inputShape, loss, lossWeight, optimizer, seed, MaskPlan.NONE);
    }

    /** @param masks which layers a Keras mask reaches (recurrent layers then run with Keras's mask semantics) */
    public static MultiLayerConfiguration translate(List<Layer> layers, Shape inputShape, Loss loss, double lossWeight,
                                                    Optimizer optimizer, long seed, MaskPlan masks) {
        List<Shape> inputShapes = new ArrayList<>();
        Shape shape = inputShape;
        for (Layer layer : layers) {
            inputShapes.add(shape);
            shape = layer.computeOutputShape(shape);
        }
        Shape outputShape = shape;

        int end = layers.size();
        ActivationFunction tailActivation = null;
        if (end > 0 && LayerTranslator.activationOf(layers.get(end - 1)) != null) {
            tailActivation = LayerTranslator.activationOf(layers.get(end - 1));
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

        NeuralNetConfiguration.ListBuilder list = NetworkDefaults.builder(optimizer, seed).list();
        List<Regularization> decay = Dl4jUpdaters.weightDecay(optimizer);
        Layout inputLayout = Layout.natural(inputShape);
        Stack stack = new Stack(list, inputLayout);
        for (int i = 0; i < end; i++) {
            Layer layer = layers.get(i);
            Shape in = inputShapes.get(i);
            if (LayerTranslator.viewsOnly(layer)) {
                continue; // the values keep Keras's order; the next DL4J layer views them in its own layout
            }
            Layout wanted = LayerTranslator.wantedLayout(layer, in, stack.current);
            boolean linearOutput = perPositionOutput && i == end - 1;
            List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = LayerTranslator.translate(layer, in, decay, linearOutput,
                    masks.reaches(layer));
            for (org.deeplearning4j.nn.conf.layers.Layer l : dl4j) {
                stack.add(l, wanted);
                wanted = stack.current;
            }
            stack.checkOutput(layer, i + 1 < layers.size() ? inputShapes.get(i + 1) : outputShape);
        }
        org.deeplearning4j.nn.conf.layers.Layer output = OutputFusion.outputLayer(outputDense,
                outputDense == null ? outputShape : inputShapes.get(end), tailActivation, outputShape, loss, lossWeight, decay);
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
            // a layer reading steps folded into the batch (TimeDistributed) outputs them folded too
            current = Layout.of(layer.getOutputType(size, wanted.inputType())).folded(wanted.fold());
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

}
