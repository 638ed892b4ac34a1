package org.keras4j.internal.dl4j;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.layers.KerasOutputLayer;
import org.keras4j.internal.dl4j.losses.PerPositionActivation;
import org.keras4j.internal.dl4j.losses.PerPositionLoss;
import org.keras4j.layers.core.Dense;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The output / loss fusion both network assemblers share. Keras keeps the loss apart from the
 * last layer; DL4J wants an output layer that owns it: a last {@code Dense(act)} becomes
 * {@code OutputLayer(act, loss)}, a trailing activation is folded into it, and anything else ends
 * in a parameter-free {@code LossLayer}. Outputs of rank &gt; 1 per sample end in a
 * {@code LossLayer} whose activation and loss work per position of the last axis
 * ({@code PerPositionLoss}). Activation and loss are fused as {@link Dl4jLosses#fuse} decides
 * (softmax with cross-entropy, for one, computed stably).
 *
 * <pre>{@code
 * Layer out = OutputFusion.outputLayer(dense, Shape.of(64), null, Shape.of(10), loss, 1.0, decay);
 * }</pre>
 */
final class OutputFusion {
    private OutputFusion() {
    }

    /**
     * @param dense the Dense layer fused into the output layer, or null for a {@code LossLayer}
     * @param denseInput the Dense layer's input shape (ignored without one)
     * @param tailActivation a trailing activation folded into the output, or null
     * @param outputShape the model output's shape
     * @param lossWeight Keras's loss weight of this output (1 for none)
     */
    static org.deeplearning4j.nn.conf.layers.Layer outputLayer(Dense dense, Shape denseInput,
                                                                       ActivationFunction tailActivation, Shape outputShape,
                                                                       Loss loss, double lossWeight,
                                                                       List<Regularization> decay) {
        ActivationFunction activation = tailActivation != null ? tailActivation
                : dense != null ? dense.activation() : Activations.linear();
        if (outputShape.rank() > 1) {
            // Keras reduces the loss over the last axis only, then averages over positions and batch
            Dl4jLosses.Fused fused = Dl4jLosses.fuse(loss, activation, outputShape.last()).weighted(lossWeight);
            return new LossLayer.Builder()
                    .activation(new PerPositionActivation(fused.activation(), outputShape.last()))
                    .lossFunction(new PerPositionLoss(fused.loss(), outputShape.last()))
                    .name("loss").build();
        }
        Dl4jLosses.Fused fused = Dl4jLosses.fuse(loss, activation, outputShape.size()).weighted(lossWeight);
        if (dense != null) {
            OutputLayer.Builder b = LayerTranslator.dense(new OutputLayer.Builder(), dense, denseInput, decay);
            return new KerasOutputLayer(b.activation(fused.activation()).lossFunction(fused.outputLayerLoss()));
        }
        return new LossLayer.Builder().activation(fused.activation()).lossFunction(fused.loss()).name("loss").build();
    }
}
