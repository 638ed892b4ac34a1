package org.keras4j.internal.dl4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three matrix products of a dense layer on row-major activations and DL4J's column-major
 * kernel, as direct OpenBLAS calls ({@link StepGemm}) where the layouts allow, else as
 * {@code Nd4j.gemm}.
 *
 * <p>ND4J 1.0.0-M2.1 runs each product as a libnd4j {@code matmul} operation, which costs far
 * more than the BLAS call on a layer's shapes: on W1's layers (batch 128), 0.92 ms against
 * 0.34 ms for the {@code [128, 784] x [784, 512]} forward product, 0.27-0.33 ms against 0.10-0.12
 * ms for the products of the 10-unit output layer; a W1 step has nine.
 *
 * <pre>{@code
 * DenseProducts.forward(x, weights, z);              // z = x W
 * DenseProducts.weightGradient(x, delta, dW);        // dW = x^T delta
 * DenseProducts.inputGradient(delta, weights, eps);  // eps = delta W^T
 * }</pre>
 */
final class DenseProducts {
    private static final StepGemm FLOAT = new StepGemm(DataType.FLOAT);
    /** Products run in OpenBLAS directly, which ND4J's profiler does not see: for tests. */
    private static final java.util.concurrent.atomic.LongAdder DIRECT = new java.util.concurrent.atomic.LongAdder();

    private DenseProducts() {
    }

    /** {@code z = x W}: {@code x [n, in]}, {@code w [in, out]}, {@code z [n, out]}. */
    static void forward(INDArray x, INDArray w, INDArray z) {
        if (direct(x, w, z) && rowMajor(x) && columnMajor(w) && rowMajor(z)) {
            FLOAT.multiply(w, true, x.transpose(), false, z.transpose(), 0.0);
            DIRECT.increment();
        } else {
            Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
        }
    }

    /** {@code dW = x^T delta}: {@code x [n, in]}, {@code delta [n, out]}, {@code dW [in, out]}. */
    static void weightGradient(INDArray x, INDArray delta, INDArray dW) {
        if (direct(x, delta, dW) && rowMajor(x) && rowMajor(delta) && columnMajor(dW)) {
            FLOAT.multiply(x.transpose(), false, delta.transpose(), true, dW, 0.0);
            DIRECT.increment();
        } else {
            Nd4j.gemm(x, delta, dW, true, false, 1.0, 0.0);
        }
    }

    /** {@code eps = delta W^T}: {@code delta [n, out]}, {@code w [in, out]}, {@code eps [n, in]}. */
    static void inputGradient(INDArray delta, INDArray w, INDArray eps) {
        if (direct(delta, w, eps) && rowMajor(delta) && columnMajor(w) && rowMajor(eps)) {
            FLOAT.multiply(w, false, delta.transpose(), false, eps.transpose(), 0.0);
            DIRECT.increment();
        } else {
            Nd4j.gemm(delta, w, eps, false, true, 1.0, 0.0);
        }
    }

    /** How many products ran in OpenBLAS directly so far. */
    static long directProducts() {
        return DIRECT.sum();
    }

    private static boolean direct(INDArray a, INDArray b, INDArray c) {
        return a.dataType() == DataType.FLOAT && b.dataType() == DataType.FLOAT && c.dataType() == DataType.FLOAT
                && a.rank() == 2 && b.rank() == 2 && c.rank() == 2 && !a.isEmpty() && !b.isEmpty() && !c.isEmpty();
    }

    /** Rows of unit stride: the transpose is a column-major block. */
    private static boolean rowMajor(INDArray a) {
        return a.stride(1) == 1 && a.stride(0) >= a.columns();
    }

    private static boolean columnMajor(INDArray a) {
        return a.stride(0) == 1 && a.stride(1) >= a.rows();
    }
}
