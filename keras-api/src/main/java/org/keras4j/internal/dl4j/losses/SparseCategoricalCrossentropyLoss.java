package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Loss;
import org.keras4j.losses.SparseCategoricalCrossentropy;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's sparse categorical cross-entropy (labels are class indices {@code [n, 1]}) in DL4J
 * for logits and non-softmax outputs; softmax probabilities use DL4J's {@code LossSparseMCXENT}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().activation(Activation.IDENTITY).lossFunction(new SparseCategoricalCrossentropyLoss(true))
 * }</pre>
 */
public class SparseCategoricalCrossentropyLoss extends KerasLossFunction {
    private boolean fromLogits;

    /** For JSON: probabilities. */
    public SparseCategoricalCrossentropyLoss() {
    }

    public SparseCategoricalCrossentropyLoss(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    public boolean isFromLogits() {
        return fromLogits;
    }

    public void setFromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        invalidate();
    }

    @Override
    protected Loss createFormula() {
        return new SparseCategoricalCrossentropy(fromLogits);
    }

    @Override
    protected INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation) {
        INDArray targets = SparseCategoricalCrossentropy.oneHot(labels, preOutput);
        return Crossentropy.preOutputGradient(targets, preOutput, activation, fromLogits);
    }
}
