package org.keras4j.internal.dl4j.initializers;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Identity}: {@code gain * eye(rows, cols)}; rectangular matrices allowed
 * (DL4J's IDENTITY accepts square ones only).
 *
 * <pre>{@code
 * IWeightInit init = new KerasIdentity(1.0);
 * }</pre>
 */
public final class KerasIdentity implements IWeightInit {
    private double gain;

    /** For JSON deserialization. */
    public KerasIdentity() {
    }

    public KerasIdentity(double gain) {
        this.gain = gain;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("identity initializer can only be used for 2D matrices, got shape "
                    + Arrays.toString(shape));
        }
        INDArray params = paramView.reshape(order, shape);
        params.assign(0);
        for (long i = 0; i < Math.min(shape[0], shape[1]); i++) {
            params.putScalar(new long[] {i, i}, gain);
        }
        return params;
    }

    public double getGain() {
        return gain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasIdentity other && Double.compare(gain, other.gain) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gain);
    }

    @Override
    public String toString() {
        return "KerasIdentity(" + gain + ")";
    }
}
