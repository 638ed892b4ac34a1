package org.keras4j.internal.dl4j.layers;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseTransformSameOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's legacy element-wise product, sum and difference of two arrays of the same shape.
 *
 * <p>ND4J 1.0.0-M2.1 runs {@code INDArray.mul} / {@code add} as custom operations, which cost
 * 20-25 µs each on a 64 x 128 array; the legacy pairwise transform underneath them costs 3-6 µs.
 * An LSTM step is a dozen such products on arrays that small. ND4J no longer has Java classes for
 * these two legacy operations, so this one names them by libnd4j's number in its
 * {@code PAIRWISE_TRANSFORM_OPS} table (0 add, 3 multiply, 6 subtract).
 *
 * <pre>{@code
 * LegacyPairwise.mul(a, b, result);   // result = a * b, element-wise
 * }</pre>
 */
public final class LegacyPairwise extends BaseTransformSameOp {
    private static final int ADD = 0;
    private static final int MULTIPLY = 3;
    private static final int SUBTRACT = 6;

    private final int number;

    private LegacyPairwise(int number, INDArray x, INDArray y, INDArray z) {
        super(x, y, z);
        this.number = number;
    }

    /** {@code z = x * y}, element-wise; all three of the same shape ({@code z} may be {@code x} or {@code y}). */
    public static void mul(INDArray x, INDArray y, INDArray z) {
        Nd4j.getExecutioner().exec(new LegacyPairwise(MULTIPLY, x, y, z));
    }

    /** {@code z = x + y}, element-wise; all three of the same shape ({@code z} may be {@code x} or {@code y}). */
    public static void add(INDArray x, INDArray y, INDArray z) {
        Nd4j.getExecutioner().exec(new LegacyPairwise(ADD, x, y, z));
    }

    /** {@code z = x - y}, element-wise; all three of the same shape ({@code z} may be {@code x} or {@code y}). */
    public static void sub(INDArray x, INDArray y, INDArray z) {
        Nd4j.getExecutioner().exec(new LegacyPairwise(SUBTRACT, x, y, z));
    }

    @Override
    public int opNum() {
        return number;
    }

    @Override
    public String opName() {
        return switch (number) {
            case MULTIPLY -> "legacy_multiply";
            case SUBTRACT -> "legacy_subtract";
            default -> "legacy_add";
        };
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException("LegacyPairwise runs eagerly only, outside SameDiff");
    }
}
