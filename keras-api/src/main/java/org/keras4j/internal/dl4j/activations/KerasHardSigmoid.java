package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}, i.e. {@code clip(x / 6 + 0.5, 0, 1)};
 * derivative 1/6 on (-3, 3), 0 elsewhere. DL4J's {@code ActivationHardSigmoid} is Keras 2's
 * {@code clip(0.2 x + 0.5, 0, 1)}.
 *
 * <pre>{@code
 * IActivation hardSigmoid = new KerasHardSigmoid();
 * }</pre>
 */
public class KerasHardSigmoid extends ElementwiseActivation {
    @Override
    protected INDArray forward(INDArray x) {
        return hardSigmoid(x);
    }

    @Override
    protected INDArray derivative(INDArray x) {
        return slope(x);
    }

    static INDArray hardSigmoid(INDArray x) {
        INDArray y = x.div(6.0).addi(0.5);
        Transforms.max(y, 0.0, false);
        return Transforms.min(y, 1.0, false);
    }

    /** 1/6 on (-3, 3), 0 elsewhere. */
    static INDArray slope(INDArray x) {
        return ArrayMath.mask(x.gt(-3.0), x).muli(ArrayMath.mask(x.lt(3.0), x)).divi(6.0);
    }

    @Override
    public String toString() {
        return "hard_sigmoid";
    }
}
