package org.keras4j.internal.dl4j.losses;

import java.util.Arrays;
import org.keras4j.losses.Loss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss that computes a Keras loss exactly: the score of each example is Keras's
 * formula ({@link Loss#call}) applied to {@code activation(preOutput)}, and the gradient is its
 * derivative with respect to {@code preOutput}. A per-example mask {@code [n, 1]} (how keras4j
 * passes sample weights) multiplies each example's score and gradient row.
 *
 * <p>Subclasses hold their arguments as bean properties, so DL4J can clone and save
 * configurations through JSON.
 *
 * <pre>{@code
 * ILossFunction loss = new HuberLoss(1.0);
 * INDArray perExample = loss.computeScoreArray(labels, preOutput, activation, null);
 * }</pre>
 */
public abstract class KerasLossFunction implements ILossFunction {
    private transient Loss formula;

    /** The Keras loss whose formula this computes, built from the subclass's properties. */
    protected abstract Loss createFormula();

    /**
     * dL/d(preOutput), where L is the loss of each example (not averaged over examples) and
     * {@code labels} are already of the pre-output's data type.
     */
    protected abstract INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation);

    /** The chain rule through the activation: dL/dz from dL/da. */
    protected static INDArray backprop(IActivation activation, INDArray preOutput, INDArray dLdOutput) {
        return activation.backprop(preOutput.dup(), dLdOutput).getFirst();
    }

    /** The activation's output, leaving {@code preOutput} untouched. */
    protected static INDArray activate(IActivation activation, INDArray preOutput) {
        return activation.getActivation(preOutput.dup(), true);
    }

    /** The Keras loss this computes. */
    public final Loss formula() {
        if (formula == null) {
            formula = createFormula();
        }
        return formula;
    }

    /** Drops the cached formula after a property changed. */
    protected final void invalidate() {
        formula = null;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), false);
        INDArray score = formula().call(labels, output).reshape(output.size(0), 1);
        return masked(score, mask);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return masked(preOutputGradient(labels.castTo(preOutput.dataType()), preOutput, activationFn), mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + formula() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((KerasLossFunction) o).formula().equals(formula());
    }

    @Override
    public int hashCode() {
        return formula().hashCode();
    }

    /** {@code x} with each row multiplied by its example's mask value; null mask: unchanged. */
    static INDArray masked(INDArray x, INDArray mask) {
        if (mask == null) {
            return x;
        }
        if (mask.length() != x.size(0)) {
            throw new IllegalArgumentException("label mask must hold one weight per example, shape [" + x.size(0)
                    + ", 1], got " + Arrays.toString(mask.shape()));
        }
        return x.muliColumnVector(mask.reshape(x.size(0), 1).castTo(x.dataType()));
    }

    /** 1 where {@code lo < x < hi}, else 0: the derivative of Keras's {@code clip(x, lo, hi)}. */
    static INDArray inside(INDArray x, double lo, double hi) {
        return x.gt(lo).castTo(x.dataType()).muli(x.lt(hi).castTo(x.dataType()));
    }
}
