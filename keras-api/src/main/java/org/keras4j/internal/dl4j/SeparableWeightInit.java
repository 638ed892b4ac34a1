package org.keras4j.internal.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * Initializes DL4J's separable convolution, which takes one weight initializer for two kernels,
 * with a different one for each: calls for the depthwise kernel (DL4J shape
 * {@code [depthMultiplier, channels, kh, kw]}) go to {@code depthwise}, the others (pointwise
 * {@code [filters, channels*depthMultiplier, 1, 1]}) to {@code pointwise}. Where both shapes
 * coincide (1x1 kernel, one filter, multiplier 1) Keras's fans coincide too, and the depthwise
 * initializer serves both.
 *
 * <pre>{@code
 * builder.weightInit(new SeparableWeightInit(depthwiseInit, pointwiseInit, new long[] {1, 16, 3, 3}));
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class SeparableWeightInit implements IWeightInit {
    private IWeightInit depthwise;
    private IWeightInit pointwise;
    private long[] depthwiseShape;

    /** For JSON deserialization. */
    public SeparableWeightInit() {
    }

    public SeparableWeightInit(IWeightInit depthwise, IWeightInit pointwise, long[] depthwiseShape) {
        this.depthwise = depthwise;
        this.pointwise = pointwise;
        this.depthwiseShape = depthwiseShape.clone();
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        IWeightInit init = Arrays.equals(shape, depthwiseShape) ? depthwise : pointwise;
        return init.init(fanIn, fanOut, shape, order, paramView);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeparableWeightInit other && depthwise.equals(other.depthwise)
                && pointwise.equals(other.pointwise) && Arrays.equals(depthwiseShape, other.depthwiseShape);
    }

    @Override
    public int hashCode() {
        return depthwise.hashCode() * 31 + pointwise.hashCode();
    }
}
