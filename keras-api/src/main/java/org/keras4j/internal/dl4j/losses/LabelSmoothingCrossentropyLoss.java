package org.keras4j.internal.dl4j.losses;

/**
 * Base of the cross-entropy losses with Keras's {@code from_logits} and {@code label_smoothing}
 * arguments (binary and categorical): holds both as bean properties, serialized under the same
 * field names by DL4J's Jackson configuration, and rebuilds the formula when one changes.
 *
 * <pre>{@code
 * LabelSmoothingCrossentropyLoss loss = new CategoricalCrossentropyLoss(true, 0.1);
 * loss.setLabelSmoothing(0.2);
 * }</pre>
 */
public abstract class LabelSmoothingCrossentropyLoss extends KerasLossFunction {
    private boolean fromLogits;
    private double labelSmoothing;

    /** For JSON: probabilities, no label smoothing. */
    protected LabelSmoothingCrossentropyLoss() {
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    protected LabelSmoothingCrossentropyLoss(boolean fromLogits, double labelSmoothing) {
        this.fromLogits = fromLogits;
        setLabelSmoothing(labelSmoothing);
    }

    public boolean isFromLogits() {
        return fromLogits;
    }

    public void setFromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        invalidate();
    }

    public double getLabelSmoothing() {
        return labelSmoothing;
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    public void setLabelSmoothing(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
        invalidate();
    }
}
