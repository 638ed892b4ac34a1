package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.BinaryCrossentropy;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's binary cross-entropy in DL4J: averaged (not summed, as DL4J's {@code LossBinaryXENT})
 * over the outputs, with label smoothing and {@code fromLogits}.
 *
 * <p>Gradients: with logits, or with a sigmoid output, the derivative with respect to the
 * pre-activation is {@code (sigmoid(z) - y) / k}, exact and free of the vanishing gradient a
 * saturated sigmoid gives through the chain rule (Keras's TensorFlow backend computes a
 * sigmoid output's loss from its logits for the same reason). Other activations use the chain
 * rule through Keras's clip to {@code [1e-7, 1 - 1e-7]}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().activation(Activation.SIGMOID).lossFunction(new BinaryCrossentropyLoss(false, 0.0))
 * }</pre>
 */
public class BinaryCrossentropyLoss extends ElementwiseLoss {
    private boolean fromLogits;
    private double labelSmoothing;

    /** For JSON: probabilities, no label smoothing. */
    public BinaryCrossentropyLoss() {
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    public BinaryCrossentropyLoss(boolean fromLogits, double labelSmoothing) {
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

    @Override
    protected Loss createFormula() {
        return new BinaryCrossentropy(fromLogits, labelSmoothing);
    }

    private INDArray targets(INDArray labels, INDArray like) {
        return ((BinaryCrossentropy) formula()).smoothLabels(labels, like);
    }

    @Override
    protected INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation) {
        if (!fromLogits && activation instanceof ActivationSigmoid) {
            return Transforms.sigmoid(preOutput, true).subi(targets(labels, preOutput)).divi(preOutput.size(1));
        }
        return super.preOutputGradient(labels, preOutput, activation);
    }

    @Override
    protected INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray y = targets(labels, output);
        if (fromLogits) {
            return Transforms.sigmoid(output, true).subi(y);
        }
        // d/dp of -(y log p + (1 - y) log(1 - p)) inside Keras's clip range, 0 outside it
        INDArray p = output;
        INDArray slope = p.sub(y).divi(p.mul(p.rsub(1.0)));
        return slope.muli(inside(p, Loss.EPSILON, 1 - Loss.EPSILON));
    }
}
