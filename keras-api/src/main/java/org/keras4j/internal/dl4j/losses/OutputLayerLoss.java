package org.keras4j.internal.dl4j.losses;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Adapts a loss to DL4J's {@code OutputLayer}, which multiplies its pre-activations by the
 * label mask before the loss sees them ({@code BaseLayer.preOutput} applies the mask). With
 * masks used as Keras sample weights that would scale the prediction a weighted sample's loss
 * is computed on; this divides the mask back out, so the mask only weights each example's
 * loss and gradient, and delegates. Rows whose mask is 0 are left alone: their loss and
 * gradient are weighted by 0 anyway. {@code LossLayer} does not mask its input and takes the
 * loss itself.
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new OutputLayerLoss(new HuberLoss(1.0)))
 * }</pre>
 */
public class OutputLayerLoss implements ILossFunction {
    private ILossFunction loss;

    /** For JSON. */
    public OutputLayerLoss() {
    }

    public OutputLayerLoss(ILossFunction loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    public ILossFunction getLoss() {
        return loss;
    }

    public void setLoss(ILossFunction loss) {
        this.loss = loss;
    }

    /** {@code preOutput} with the mask divided out; zero mask values divide by 1. */
    static INDArray unmasked(INDArray preOutput, INDArray mask) {
        if (mask == null) {
            return preOutput;
        }
        INDArray m;
        if (mask.length() == preOutput.size(0)) {
            m = mask.reshape(preOutput.size(0), 1).castTo(preOutput.dataType());
        } else if (Arrays.equals(mask.shape(), preOutput.shape())) {
            m = mask.castTo(preOutput.dataType());
        } else {
            throw new IllegalArgumentException("label mask must be per example, shape [" + preOutput.size(0)
                    + ", 1], or per output, shape " + Arrays.toString(preOutput.shape()) + "; got "
                    + Arrays.toString(mask.shape()));
        }
        INDArray divisor = m.add(m.eq(0.0).castTo(m.dataType()));
        return m.length() == preOutput.size(0) ? preOutput.divColumnVector(divisor) : preOutput.div(divisor);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return loss.computeScore(labels, unmasked(preOutput, mask), activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, unmasked(preOutput, mask), activationFn, mask);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, unmasked(preOutput, mask), activationFn, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return loss.computeGradientAndScore(labels, unmasked(preOutput, mask), activationFn, mask, average);
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "OutputLayerLoss(" + loss + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputLayerLoss other && Objects.equals(loss, other.loss);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(loss);
    }
}
