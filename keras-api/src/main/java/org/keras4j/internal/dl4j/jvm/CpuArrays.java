package org.keras4j.internal.dl4j.jvm;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;
import org.nd4j.linalg.cpu.nativecpu.NDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.LongBuffer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * New FLOAT arrays of the CPU backend on a shared shape buffer. {@code Nd4j.create} allocates a
 * native shape buffer for every array (with its own deallocator registration), which for the
 * output of a small network's {@code predict} costs as much as the data buffer and several
 * times the arithmetic; ND4J's shape-information cache returns one shared, constant buffer per
 * shape instead, as ND4J's own operation outputs use. Only loaded on the CPU backend (the caller
 * checks), since nd4j-native is an optional dependency.
 *
 * <pre>{@code
 * INDArray out = CpuArrays.rowMajor(values, rows, cols);   // [rows, cols], a copy of values
 * }</pre>
 */
final class CpuArrays {
    private static final long FLOAT_EXTRAS = ArrayOptionsHelper.setOptionBit(0L, DataType.FLOAT);

    private CpuArrays() {
    }

    /** A new row-major {@code [rows, cols]} FLOAT array holding a copy of {@code values}. */
    static INDArray rowMajor(float[] values, long rows, long cols) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("values must hold rows * cols = " + rows * cols + " floats, got "
                    + values.length);
        }
        long[] shape = {rows, cols};
        Pair<DataBuffer, long[]> info = Nd4j.getShapeInfoProvider().createShapeInformation(shape,
                new long[] {cols, 1}, 1, 'c', FLOAT_EXTRAS);
        DataBuffer data = Nd4j.createTypedBuffer(values, DataType.FLOAT);
        if (info.getFirst() instanceof LongBuffer shapeBuffer) {
            return new NDArray(data, shapeBuffer, info.getSecond());
        }
        return Nd4j.create(data, shape, new long[] {cols, 1}, 0, 'c');
    }
}
