package org.keras4j.internal.dl4j.layers;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.keras4j.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A matrix product of column-major blocks in OpenBLAS, called directly.
 *
 * <p>ND4J 1.0.0-M2.1 runs every {@code Nd4j.gemm} as a libnd4j custom operation, which costs
 * 40-60 µs more than the BLAS call itself on the {@code [64, 193] x [193, 512]} products of an
 * LSTM step (140 µs in OpenBLAS). nd4j-native's CPU backend loads this same OpenBLAS; on any
 * other backend the product runs as ND4J's {@code gemm} into a new array, then copied into
 * {@code c}.
 *
 * <pre>{@code
 * new StepGemm(DataType.FLOAT).multiply(a, false, b, true, c, 0);   // c = a * b^T
 * }</pre>
 */
final class StepGemm {
    private static final int COLUMN_MAJOR = 102;
    private static final int NO_TRANSPOSE = 111;
    private static final int TRANSPOSE = 112;

    private final boolean isDouble;
    private final boolean openBlas = Backend.isCpu();

    StepGemm(DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("StepGemm multiplies FLOAT or DOUBLE arrays, got " + dataType);
        }
        this.isDouble = dataType == DataType.DOUBLE;
    }

    /** {@code c = op(a) * op(b) + beta * c}, each a column-major matrix (unit row stride) of the same data type. */
    void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double beta) {
        if (!openBlas) {
            INDArray product = Nd4j.gemm(a, b, transposeA, transposeB);
            if (beta == 0) {
                c.assign(product);
            } else {
                c.muli(beta).addi(product);
            }
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        int ta = transposeA ? TRANSPOSE : NO_TRANSPOSE;
        int tb = transposeB ? TRANSPOSE : NO_TRANSPOSE;
        try {
            if (isDouble) {
                openblas_nolapack.cblas_dgemm(COLUMN_MAJOR, ta, tb, m, n, k, 1.0, doubles(a), ld(a), doubles(b), ld(b),
                        beta, doubles(c), ld(c));
            } else {
                openblas_nolapack.cblas_sgemm(COLUMN_MAJOR, ta, tb, m, n, k, 1f, floats(a), ld(a), floats(b), ld(b),
                        (float) beta, floats(c), ld(c));
            }
        } finally {
            // the pointers carry only addresses: the arrays must outlive the call, or a collection frees their memory
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /**
     * {@code c = op(a) * op(b) + beta * c} on float matrices stored column-major inside flat
     * arrays: {@code op(a)} is {@code m x k}, {@code op(b)} {@code k x n}, {@code c} {@code m x n},
     * each starting {@code offset} elements into its array with leading dimension {@code ld}.
     * Lets a loop multiply regions of a few large arrays without making a view per call.
     *
     * @throws IllegalArgumentException if an array is not FLOAT or a region overruns its buffer
     */
    void multiplyRegions(int m, int n, int k, INDArray a, long aOffset, int lda, boolean transposeA,
                         INDArray b, long bOffset, int ldb, boolean transposeB, float beta,
                         INDArray c, long cOffset, int ldc) {
        checkRegion("a", a, aOffset, lda, transposeA ? k : m, transposeA ? m : k);
        checkRegion("b", b, bOffset, ldb, transposeB ? n : k, transposeB ? k : n);
        checkRegion("c", c, cOffset, ldc, m, n);
        if (!openBlas) {
            throw new IllegalStateException("multiplyRegions calls OpenBLAS: CPU backend only");
        }
        try {
            openblas_nolapack.cblas_sgemm(COLUMN_MAJOR, transposeA ? TRANSPOSE : NO_TRANSPOSE,
                    transposeB ? TRANSPOSE : NO_TRANSPOSE, m, n, k, 1f, floats(a).position(aOffset), lda,
                    floats(b).position(bOffset), ldb, beta, floats(c).position(cOffset), ldc);
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /** A column-major {@code rows x columns} region at {@code offset} with leading dimension {@code ld} lies inside {@code array}'s buffer. */
    private static void checkRegion(String name, INDArray array, long offset, int ld, int rows, int columns) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("multiplyRegions multiplies FLOAT arrays, got " + name + " "
                    + array.dataType());
        }
        // offsets count from the first element of the array's buffer, which is where floats() points
        long capacity = array.data().length();
        long last = offset + (long) (columns - 1) * ld + rows - 1;
        if (rows <= 0 || columns <= 0 || offset < 0 || ld < rows || last >= capacity) {
            throw new IllegalArgumentException("multiplyRegions: " + name + " region of " + rows + " x " + columns
                    + " at offset " + offset + " with leading dimension " + ld + " does not fit an array of "
                    + capacity + " elements");
        }
    }

    private static int ld(INDArray matrix) {
        if (matrix.stride(0) != 1) {
            throw new IllegalStateException("not a column-major block: strides " + java.util.Arrays.toString(matrix.stride()));
        }
        return (int) Math.max(matrix.stride(1), matrix.rows());
    }

    // a view's data buffer starts at the view's first element
    private static FloatPointer floats(INDArray matrix) {
        return new FloatPointer(matrix.data().addressPointer());
    }

    private static DoublePointer doubles(INDArray matrix) {
        return new DoublePointer(matrix.data().addressPointer());
    }
}
