package org.keras4j.internal.dl4j.losses;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies an activation to the last Keras axis of an output that DL4J holds flattened:
 * {@code [batch, positions * units]} is viewed as {@code [batch * positions, units]} rows, as
 * Keras applies {@code softmax} to the last axis of a {@code [batch, steps, classes]} output.
 * Element-wise activations give the same values either way; the grouping matters for softmax
 * and log-softmax, and lets {@link PerPositionLoss} hand the inner activation to the inner loss.
 *
 * <pre>{@code
 * IActivation perStep = new PerPositionActivation(new ActivationSoftmax(), 10);   // [batch, T * 10]
 * }</pre>
 */
public class PerPositionActivation extends BaseActivationFunction {
    private IActivation activation;
    private long units;

    /** For JSON. */
    public PerPositionActivation() {
    }

    /** @throws IllegalArgumentException if {@code units < 1} */
    public PerPositionActivation(IActivation activation, long units) {
        this.activation = Objects.requireNonNull(activation, "activation");
        setUnits(units);
    }

    public IActivation getActivation() {
        return activation;
    }

    public void setActivation(IActivation activation) {
        this.activation = activation;
    }

    public long getUnits() {
        return units;
    }

    /** @throws IllegalArgumentException if {@code units < 1} */
    public void setUnits(long units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, got " + units);
        }
        this.units = units;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray out = activation.getActivation(rows(in, units), training);
        return in.assign(out.reshape('c', in.shape()));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray dLdz = activation.backprop(rows(in, units), rows(epsilon, units)).getFirst();
        return new Pair<>(dLdz.reshape('c', in.shape()), null);
    }

    /** A c-ordered copy of {@code [batch, positions * units]} viewed as {@code [batch * positions, units]}. */
    static INDArray rows(INDArray x, long units) {
        if (x.length() % units != 0) {
            throw new IllegalArgumentException("expected a multiple of " + units + " values per array, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return x.dup('c').reshape('c', x.length() / units, units);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerPositionActivation other && units == other.units
                && Objects.equals(activation, other.activation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activation, units);
    }

    @Override
    public String toString() {
        return "PerPosition(" + activation + ", units=" + units + ")";
    }
}
