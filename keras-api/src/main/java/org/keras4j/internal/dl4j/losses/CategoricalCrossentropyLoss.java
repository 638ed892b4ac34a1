package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.CategoricalCrossentropy;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's categorical cross-entropy in DL4J for what DL4J's {@code LossMCXENT} does not cover:
 * label smoothing, logits ({@code fromLogits}: softmax applied inside the loss) and outputs
 * that are not a softmax (renormalised as Keras does). See {@link Crossentropy} for the gradients.
 *
 * <pre>{@code
 * new OutputLayer.Builder().activation(Activation.IDENTITY).lossFunction(new CategoricalCrossentropyLoss(true, 0.1))
 * }</pre>
 */
public class CategoricalCrossentropyLoss extends LabelSmoothingCrossentropyLoss {
    /** For JSON: probabilities, no label smoothing. */
    public CategoricalCrossentropyLoss() {
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    public CategoricalCrossentropyLoss(boolean fromLogits, double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    protected Loss createFormula() {
        return new CategoricalCrossentropy(isFromLogits(), getLabelSmoothing());
    }

    @Override
    protected INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation) {
        INDArray targets = ((CategoricalCrossentropy) formula()).smoothLabels(labels, preOutput);
        return Crossentropy.preOutputGradient(targets, preOutput, activation, isFromLogits());
    }
}
