package org.keras4j.internal.dl4j.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain {@code relu(x) = max(x, 0)}, DL4J's own forward pass, with a vectorized gradient:
 * {@code dL/dz = step(z) * dL/da}, where {@code step(z) = z > 0 ? 1 : 0} (0 at 0, as in Keras).
 *
 * <p>DL4J 1.0.0-M2.1's {@code ActivationReLU} computes the same gradient with libnd4j's
 * {@code relu_bp}, which calls a {@code std::function} per element: on the course CNN's first
 * activation (64 x 28 x 28 x 16 floats) it took 14 ms per step against 0.5 ms here, half of a
 * training step. It extends {@code ActivationReLU}, so DL4J code that recognizes ReLU still does.
 *
 * <pre>{@code
 * IActivation relu = new StepGradientRelu();
 * INDArray dLdz = relu.backprop(z, dLda).getFirst();   // written into z, as DL4J's activations do
 * }</pre>
 */
public class StepGradientRelu extends ActivationReLU {

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.exec(new Step(in, in, 0.0));
        return new Pair<>(in.muli(epsilon), null);
    }
}
