package org.keras4j.internal.dl4j;

import java.util.Objects;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.internal.dl4j.losses.BinaryCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.CategoricalCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.CosineSimilarityLoss;
import org.keras4j.internal.dl4j.losses.HingeLoss;
import org.keras4j.internal.dl4j.losses.HuberLoss;
import org.keras4j.internal.dl4j.losses.KLDivergenceLoss;
import org.keras4j.internal.dl4j.losses.LogCoshLoss;
import org.keras4j.internal.dl4j.losses.MeanAbsoluteErrorLoss;
import org.keras4j.internal.dl4j.losses.MeanAbsolutePercentageErrorLoss;
import org.keras4j.internal.dl4j.losses.MeanSquaredLogarithmicErrorLoss;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.keras4j.internal.dl4j.losses.WeightedLoss;
import org.keras4j.internal.dl4j.losses.PoissonLoss;
import org.keras4j.internal.dl4j.losses.SparseCategoricalCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.SquaredHingeLoss;
import org.keras4j.losses.BinaryCrossentropy;
import org.keras4j.losses.CategoricalCrossentropy;
import org.keras4j.losses.CosineSimilarity;
import org.keras4j.losses.Hinge;
import org.keras4j.losses.Huber;
import org.keras4j.losses.KLDivergence;
import org.keras4j.losses.LogCosh;
import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanAbsoluteError;
import org.keras4j.losses.MeanAbsolutePercentageError;
import org.keras4j.losses.MeanSquaredError;
import org.keras4j.losses.MeanSquaredLogarithmicError;
import org.keras4j.losses.Poisson;
import org.keras4j.losses.SparseCategoricalCrossentropy;
import org.keras4j.losses.SquaredHinge;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * Fuses a Keras loss with the model's last activation into what a DL4J output layer owns:
 * an {@link ILossFunction} and the {@link IActivation} it is applied after. The DL4J loss's
 * per-example score is Keras's formula on the activation's output and its gradient is that
 * formula's derivative.
 *
 * <p>DL4J's own losses are used where they compute exactly Keras's formula: {@code LossMSE};
 * {@code LossMCXENT} / {@code LossSparseMCXENT} after a softmax, with Keras's clip epsilon
 * 1e-7. Everything else (MAE, whose DL4J score array is not averaged over outputs; binary
 * cross-entropy, which DL4J sums over outputs; logits; label smoothing; …) uses the losses of
 * {@code org.keras4j.internal.dl4j.losses}.
 *
 * <p>Label masks (keras4j's sample weights) weight each example's loss and gradient. An
 * {@code OutputLayer} must take {@link Fused#outputLayerLoss()}, a {@code LossLayer}
 * {@link Fused#loss()}.
 *
 * <pre>{@code
 * Fused fused = Dl4jLosses.fuse(Losses.get("categorical_crossentropy"), Activations.get("softmax"), 10);
 * new OutputLayer.Builder().activation(fused.activation()).lossFunction(fused.outputLayerLoss());
 * }</pre>
 */
public final class Dl4jLosses {
    private Dl4jLosses() {
    }

    /**
     * What the DL4J output layer gets: its activation and its loss.
     *
     * @param activation the output activation
     * @param loss the loss for a {@code LossLayer}, which passes its input to the loss unchanged
     */
    public record Fused(IActivation activation, ILossFunction loss) {
        /**
         * The loss for an {@code OutputLayer}: DL4J's {@code OutputLayer} multiplies its
         * pre-activations by the label mask (keras4j's sample weights) before the loss sees them,
         * which {@link OutputLayerLoss} undoes.
         */
        public ILossFunction outputLayerLoss() {
            return new OutputLayerLoss(loss);
        }

        /** The same with the loss times {@code weight} (Keras's {@code loss_weights}); unchanged for 1. */
        public Fused weighted(double weight) {
            return weight == 1.0 ? this : new Fused(activation, new WeightedLoss(loss, weight));
        }
    }

    /**
     * @param loss the compiled loss
     * @param outputActivation the activation of the model's last layer (linear when the loss is
     *     from logits: the loss applies the softmax / sigmoid itself)
     * @param outputUnits width of the model's output
     * @throws IllegalArgumentException if the loss has no DL4J translation, the activation has
     *     none, {@code outputUnits < 1}, or softmax is applied to a single unit
     */
    public static Fused fuse(Loss loss, ActivationFunction outputActivation, long outputUnits) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(outputActivation, "outputActivation");
        if (outputUnits < 1) {
            throw new IllegalArgumentException("outputUnits must be >= 1, got " + outputUnits);
        }
        IActivation activation = Dl4jActivations.toDl4j(outputActivation);
        boolean softmax = activation instanceof ActivationSoftmax;
        if (softmax && outputUnits == 1) {
            throw new IllegalArgumentException("softmax over a single output unit always outputs 1.0, so "
                    + loss.identifier() + " cannot learn: use sigmoid with binary_crossentropy for two classes,"
                    + " or one unit per class");
        }
        return new Fused(activation, lossFunction(loss, softmax));
    }

    private static ILossFunction lossFunction(Loss loss, boolean softmax) {
        if (loss instanceof MeanSquaredError) {
            return new LossMSE();
        } else if (loss instanceof MeanAbsoluteError) {
            return new MeanAbsoluteErrorLoss();
        } else if (loss instanceof MeanAbsolutePercentageError) {
            return new MeanAbsolutePercentageErrorLoss();
        } else if (loss instanceof MeanSquaredLogarithmicError) {
            return new MeanSquaredLogarithmicErrorLoss();
        } else if (loss instanceof Huber huber) {
            return new HuberLoss(huber.delta());
        } else if (loss instanceof LogCosh) {
            return new LogCoshLoss();
        } else if (loss instanceof BinaryCrossentropy bce) {
            return new BinaryCrossentropyLoss(bce.fromLogits(), bce.labelSmoothing());
        } else if (loss instanceof CategoricalCrossentropy cce) {
            if (softmax && !cce.fromLogits() && cce.labelSmoothing() == 0) {
                return new LossMCXENT(Loss.EPSILON, null);
            }
            return new CategoricalCrossentropyLoss(cce.fromLogits(), cce.labelSmoothing());
        } else if (loss instanceof SparseCategoricalCrossentropy scce) {
            if (softmax && !scce.fromLogits()) {
                return new LossSparseMCXENT(Loss.EPSILON, null);
            }
            return new SparseCategoricalCrossentropyLoss(scce.fromLogits());
        } else if (loss instanceof KLDivergence) {
            return new KLDivergenceLoss();
        } else if (loss instanceof Poisson) {
            return new PoissonLoss();
        } else if (loss instanceof Hinge) {
            return new HingeLoss();
        } else if (loss instanceof SquaredHinge) {
            return new SquaredHingeLoss();
        } else if (loss instanceof CosineSimilarity) {
            return new CosineSimilarityLoss();
        }
        throw new IllegalArgumentException("loss '" + loss.identifier() + "' (" + loss.getClass().getName()
                + ") has no DL4J translation; use one of the losses in org.keras4j.losses");
    }
}
