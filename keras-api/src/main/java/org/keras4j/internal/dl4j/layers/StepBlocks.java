package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layout the fused recurrent passes ({@link LstmSteps}, {@link RecurrentSteps}) keep their
 * per-step arrays in: one row-major {@code [steps, n, batch]} array, whose step {@code t} is a
 * contiguous column-major {@code [batch, n]} matrix, and so is any range of its columns (a gate
 * block). Matrix products run on these blocks directly ({@link StepGemm}), element-wise
 * operations on contiguous memory.
 *
 * <pre>{@code
 * INDArray forgetGate = StepBlocks.block(z, t, units, 2 * units);   // [batch, units], column-major
 * }</pre>
 */
final class StepBlocks {

    private StepBlocks() {
    }

    /**
     * Columns {@code [from, to)} of step {@code t} of a row-major {@code [steps, n, batch]} array:
     * a contiguous column-major {@code [batch, to - from]} block.
     */
    static INDArray block(INDArray stepMajor, long t, long from, long to) {
        return stepMajor.get(point(t), interval(from, to), all()).transpose();
    }
}
