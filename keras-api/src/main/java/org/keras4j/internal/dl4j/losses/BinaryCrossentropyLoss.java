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
public class BinaryCrossentropyLoss extends LabelSmoothingCrossentropyLoss {
    /** For JSON: probabilities, no label smoothing. */
    public BinaryCrossentropyLoss() {
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    public BinaryCrossentropyLoss(boolean fromLogits, double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    protected Loss createFormula() {
        return new BinaryCrossentropy(isFromLogits(), getLabelSmoothing());
    }

    private INDArray targets(INDArray labels, INDArray like) {
        return ((BinaryCrossentropy) formula()).smoothLabels(labels, like);
    }

    @Override
    protected INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation) {
        if (!isFromLogits() && activation instanceof ActivationSigmoid) {
            return Transforms.sigmoid(preOutput, true).subi(targets(labels, preOutput)).divi(preOutput.size(1));
        }
        // the chain rule through the activation, averaged over the outputs (as ElementwiseLoss)
        INDArray output = activate(activation, preOutput);
        return backprop(activation, preOutput, elementGradient(labels, output).divi(output.size(1)));
    }

    /** The derivative of the element-wise term with respect to the output. */
    private INDArray elementGradient(INDArray labels, INDArray output) {
        INDArray y = targets(labels, output);
        if (isFromLogits()) {
            return Transforms.sigmoid(output, true).subi(y);
        }
        // d/dp of -(y log p + (1 - y) log(1 - p)) inside Keras's clip range, 0 outside it
        INDArray p = output;
        INDArray slope = p.sub(y).divi(p.mul(p.rsub(1.0)));
        return slope.muli(inside(p, Loss.EPSILON, 1 - Loss.EPSILON));
    }
}
