package org.keras4j.internal.dl4j.updaters;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Keras's optimizer {@code weight_decay}: {@code w -= lr * coeff * w} each step, applied after
 * (and independently of) the optimizer's own step. Unlike DL4J's {@code WeightDecay} it adds
 * nothing to the reported score, as in Keras, where the decay is not part of the loss.
 *
 * <pre>{@code
 * layerBuilder.regularization(List.of(new DecoupledWeightDecay(0.004)));
 * }</pre>
 */
public final class DecoupledWeightDecay implements Regularization {
    private double coeff;

    /** For JSON deserialization. */
    public DecoupledWeightDecay() {
    }

    public DecoupledWeightDecay(double coeff) {
        this.coeff = coeff;
    }

    public double getCoeff() {
        return coeff;
    }

    public void setCoeff(double coeff) {
        this.coeff = coeff;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.POST_UPDATER;
    }

    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        // gradView already holds the optimizer's step; DL4J subtracts the sum from the params
        gradView.addi(param.mul(coeff * lr));
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return 0.0;
    }

    @Override
    public DecoupledWeightDecay clone() {
        return new DecoupledWeightDecay(coeff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecoupledWeightDecay other && Double.compare(coeff, other.coeff) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(coeff);
    }

    @Override
    public String toString() {
        return "DecoupledWeightDecay(" + coeff + ")";
    }
}
