package org.keras4j.internal.dl4j.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code log_softmax} over the last axis: {@code x - max - log(sum(exp(x - max)))};
 * gradient {@code dL/dz = dL/da - softmax(x) * sum(dL/da)} per row. DL4J has no such activation.
 *
 * <pre>{@code
 * IActivation logSoftmax = new KerasLogSoftmax();
 * }</pre>
 */
public class KerasLogSoftmax extends BaseActivationFunction {
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.assign(logSoftmax(rows(in)).reshape(in.shape()));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray softmax = ArrayMath.exp(logSoftmax(rows(in)));
        INDArray eps = rows(epsilon);
        INDArray dLdz = eps.sub(softmax.muliColumnVector(eps.sum(1)));
        return new Pair<>(dLdz.reshape(in.shape()), null);
    }

    /** A c-ordered copy viewed as [everything but the last axis, last axis]. */
    private static INDArray rows(INDArray x) {
        long last = x.size(x.rank() - 1);
        return x.dup('c').reshape('c', x.length() / last, last);
    }

    private static INDArray logSoftmax(INDArray rows) {
        INDArray shifted = rows.subColumnVector(rows.max(1).reshape(rows.rows(), 1));
        INDArray logSum = Nd4j.exec(new Log(ArrayMath.exp(shifted).sum(1).reshape(rows.rows(), 1)));
        return shifted.subiColumnVector(logSum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasLogSoftmax;
    }

    @Override
    public int hashCode() {
        return KerasLogSoftmax.class.hashCode();
    }

    @Override
    public String toString() {
        return "log_softmax";
    }
}
