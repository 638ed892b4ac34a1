package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The gradients of Keras's categorical cross-entropy, shared by the dense and sparse losses. */
final class Crossentropy {
    private Crossentropy() {
    }

    /**
     * dL/d(preOutput) for {@code L = -sum(y * log(q))} with one-hot (or smoothed) targets {@code y}.
     * From logits, or after a softmax activation, it is {@code softmax(z) * sum(y) - y}: exact,
     * and it does not vanish when the softmax saturates. Otherwise the chain rule goes through
     * Keras's renormalisation {@code q = a / sum(a)} and clip to {@code [1e-7, 1 - 1e-7]}.
     */
    static INDArray preOutputGradient(INDArray targets, INDArray preOutput, IActivation activation,
                                      boolean fromLogits) {
        if (!fromLogits && activation instanceof ActivationSoftmax) {
            return softmaxGradient(targets, preOutput);
        }
        INDArray output = KerasLossFunction.activate(activation, preOutput);
        INDArray dLdOutput = fromLogits ? softmaxGradient(targets, output) : probabilityGradient(targets, output);
        return KerasLossFunction.backprop(activation, preOutput, dLdOutput);
    }

    private static INDArray softmaxGradient(INDArray targets, INDArray logits) {
        INDArray probs = Transforms.softmax(logits, true);
        return probs.muliColumnVector(targets.sum(true, 1)).subi(targets);
    }

    private static INDArray probabilityGradient(INDArray targets, INDArray output) {
        INDArray total = output.sum(true, 1);
        INDArray q = output.divColumnVector(total);
        INDArray clipped = Transforms.max(Transforms.min(q, 1 - Loss.EPSILON, true), Loss.EPSILON, false);
        // g = dL/dq (zero where the clip is active); dL/da_i = (g_i - sum_j g_j q_j) / sum(a)
        INDArray g = targets.div(clipped).negi().muli(KerasLossFunction.inside(q, Loss.EPSILON, 1 - Loss.EPSILON));
        INDArray projection = g.mul(q).sum(true, 1);
        return g.subiColumnVector(projection).diviColumnVector(total);
    }
}
