package org.keras4j.internal.dl4j.initializers;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Qr;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Orthogonal}: for a {@code rows x cols} matrix, the Q factor of the QR
 * decomposition of a {@code max x min} standard normal matrix, its columns' signs fixed by
 * {@code sign(diag(R))}, transposed when {@code rows < cols}, times {@code gain}: orthonormal
 * columns if rows &gt;= cols, orthonormal rows otherwise.
 *
 * <p>A 2D DL4J shape {@code [rows, cols]} is taken as is (Dense {@code [nIn, nOut]}, LSTM
 * recurrent {@code [units, 4*units]}, as in Keras). A higher-rank shape is taken as DL4J's
 * convolution layout {@code [filters, in_channels, k1, ..]}: as in Keras, where the kernel is
 * {@code (k1, .., in_channels, filters)}, each filter is one of the orthonormal vectors.
 *
 * <pre>{@code
 * IWeightInit init = new KerasOrthogonal(1.0);
 * }</pre>
 */
public final class KerasOrthogonal implements IWeightInit {
    private double gain;

    /** For JSON deserialization. */
    public KerasOrthogonal() {
    }

    public KerasOrthogonal(double gain) {
        this.gain = gain;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("orthogonal initializer needs a parameter of rank >= 2, got shape "
                    + Arrays.toString(shape));
        }
        INDArray params = paramView.reshape(order, shape);
        if (shape.length == 2) {
            params.assign(matrix(shape[0], shape[1]));
        } else {
            long filters = shape[0];
            long perFilter = params.length() / filters;
            // Keras's (perFilter x filters) matrix; DL4J holds one filter per leading index
            params.assign(matrix(perFilter, filters).transpose().reshape(order, shape));
        }
        return params;
    }

    /** Keras's orthogonal {@code rows x cols} matrix times gain, in double precision. */
    INDArray matrix(long rows, long cols) {
        long big = Math.max(rows, cols);
        long small = Math.min(rows, cols);
        INDArray a = Nd4j.randn(DataType.DOUBLE, big, small);
        if (small == 1) {
            // Q * sign(R) of a single column is a / |a|; libnd4j's QR crashes the JVM on a 1x1 input
            INDArray q = a.div(a.norm2Number());
            return (rows < cols ? q.transpose() : q).mul(gain);
        }
        INDArray[] qr = Nd4j.exec(new Qr(a));
        INDArray q = qr[0];
        INDArray r = qr[1];
        INDArray signs = Nd4j.create(DataType.DOUBLE, 1, small);
        for (long i = 0; i < small; i++) {
            signs.putScalar(0, i, Math.signum(r.getDouble(i, i)));
        }
        q.muliRowVector(signs);
        if (rows < cols) {
            q = q.transpose();
        }
        return q.mul(gain);
    }

    public double getGain() {
        return gain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasOrthogonal other && Double.compare(gain, other.gain) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gain);
    }

    @Override
    public String toString() {
        return "KerasOrthogonal(" + gain + ")";
    }
}
