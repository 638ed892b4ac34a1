package org.keras4j.internal.dl4j.activations;

import org.keras4j.internal.dl4j.layers.LegacyPairwise;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code tanh}, DL4J's own forward pass, with its gradient {@code (1 - tanh(z)^2) * dL/da} from
 * libnd4j's legacy transforms.
 *
 * <p>DL4J 1.0.0-M2.1's {@code ActivationTanH} computes the gradient with libnd4j's {@code tanh_bp}
 * custom operation, which took 64 µs on a 4 x 8 array; the legacy derivative and product take a
 * few µs (the same values within float rounding). It extends {@code ActivationTanH}, so DL4J code
 * that recognizes tanh still does.
 *
 * <pre>{@code
 * IActivation tanh = new LegacyGradientTanh();
 * INDArray dLdz = tanh.backprop(z, dLda).getFirst();   // written into z, as DL4J's activations do
 * }</pre>
 */
public class LegacyGradientTanh extends ActivationTanH {

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.getExecutioner().exec(new TanhDerivative(in, in));
        LegacyPairwise.mul(in, epsilon, in);
        return new Pair<>(in, null);
    }
}
