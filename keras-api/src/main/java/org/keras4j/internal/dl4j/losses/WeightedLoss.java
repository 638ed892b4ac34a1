package org.keras4j.internal.dl4j.losses;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss times a constant: Keras's {@code loss_weights}, which scale each output's loss (and so
 * its gradient) in the sum that training minimizes.
 *
 * <pre>{@code
 * ILossFunction half = new WeightedLoss(new LossMSE(), 0.5);
 * }</pre>
 */
public class WeightedLoss implements ILossFunction {
    private ILossFunction loss;
    private double weight;

    /** For JSON. */
    public WeightedLoss() {
    }

    public WeightedLoss(ILossFunction loss, double weight) {
        this.loss = Objects.requireNonNull(loss, "loss");
        this.weight = weight;
    }

    public ILossFunction getLoss() {
        return loss;
    }

    public void setLoss(ILossFunction loss) {
        this.loss = loss;
    }

    public double getWeight() {
        return weight;
    }

    public void setWeight(double weight) {
        this.weight = weight;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return weight * loss.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        Pair<Double, INDArray> p = loss.computeGradientAndScore(labels, preOutput, activationFn, mask, average);
        return new Pair<>(weight * p.getFirst(), p.getSecond().muli(weight));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "WeightedLoss(" + loss + ", " + weight + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedLoss other && Objects.equals(loss, other.loss) && weight == other.weight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, weight);
    }
}
