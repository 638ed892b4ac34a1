package org.keras4j.internal.dl4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix product of 2D arrays in either memory order, through {@link StepGemm} (OpenBLAS
 * called directly): a row-major matrix is the transpose of a column-major one over the same
 * memory, so each operand, and the result, is handed to BLAS as a column-major block, transposed
 * where needed. DL4J's parameter views are column-major and its activations row-major; this
 * multiplies them without copies or ND4J's per-operation cost (40-60 µs, several times the BLAS
 * time of an output layer's {@code [128, 256] x [256, 10]} product).
 *
 * <pre>{@code
 * LayoutGemm gemm = new LayoutGemm(DataType.FLOAT);
 * if (gemm.accepts(x) && gemm.accepts(w) && gemm.accepts(z)) {
 *     gemm.multiply(x, false, w, false, z);   // z = x w
 * }
 * }</pre>
 */
final class LayoutGemm {
    private final StepGemm gemm;
    private final DataType dataType;

    LayoutGemm(DataType dataType) {
        this.gemm = new StepGemm(dataType);
        this.dataType = dataType;
    }

    /** True when {@code m} is a 2D array of this data type with unit stride along one of its axes. */
    boolean accepts(INDArray m) {
        return m != null && m.rank() == 2 && m.dataType() == dataType && !m.isEmpty()
                && (m.stride(0) == 1 || m.stride(1) == 1);
    }

    /** {@code c = op(a) op(b)}; every array {@link #accepts accepted}, the shapes compatible. */
    void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        if (columnMajor(c)) {
            product(a, transposeA, b, transposeB, c);
        } else {
            // c row-major: its transpose is column-major, and c^T = op(b)^T op(a)^T
            product(b, !transposeB, a, !transposeA, c.transpose());
        }
    }

    private void product(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        // op(m) of a row-major m is op'(m^T), m^T being a column-major view of the same memory
        INDArray ca = columnMajor(a) ? a : a.transpose();
        INDArray cb = columnMajor(b) ? b : b.transpose();
        gemm.multiply(ca, ca == a ? transposeA : !transposeA, cb, cb == b ? transposeB : !transposeB, c, 0);
    }

    private static boolean columnMajor(INDArray m) {
        return m.stride(0) == 1 && (m.stride(1) >= m.rows() || m.columns() == 1);
    }
}
