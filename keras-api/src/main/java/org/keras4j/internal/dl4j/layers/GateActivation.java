package org.keras4j.internal.dl4j.layers;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One activation of a recurrent cell, applied in place to a block of a time step and
 * differentiated in the backward pass. tanh and sigmoid run as libnd4j's legacy transforms and
 * take their derivative from their output ({@code 1 - a²}, {@code a (1 - a)}), so the
 * pre-activation need not be kept; any other DL4J activation runs through its own
 * {@link IActivation#getActivation} and {@link IActivation#backprop} from the kept pre-activation.
 *
 * <pre>{@code
 * GateActivation sigmoid = new GateActivation(new ActivationSigmoid());
 * sigmoid.forward(gates, null, true);              // gates = sigmoid(gates)
 * sigmoid.backward(gates, null, gradient, scratch); // gradient *= sigmoid'(pre)
 * }</pre>
 */
final class GateActivation {
    private enum Kind { TANH, SIGMOID, OTHER }

    private final IActivation function;
    private final Kind kind;

    GateActivation(IActivation function) {
        this.function = function;
        this.kind = function instanceof ActivationTanH ? Kind.TANH
                : function instanceof ActivationSigmoid ? Kind.SIGMOID : Kind.OTHER;
    }

    /** Whether {@link #backward} needs the pre-activation kept by {@link #forward}. */
    boolean keepsPreActivation() {
        return kind == Kind.OTHER;
    }

    /**
     * {@code block = f(block)}; with {@link #keepsPreActivation()}, first copies the block into
     * {@code pre} (same shape).
     */
    void forward(INDArray block, INDArray pre, boolean training) {
        switch (kind) {
            case TANH -> Nd4j.getExecutioner().exec(new Tanh(block, block));
            case SIGMOID -> Nd4j.getExecutioner().exec(new Sigmoid(block, block));
            default -> {
                pre.assign(block);
                INDArray out = function.getActivation(block, training);
                if (out != block) {
                    block.assign(out);
                }
            }
        }
    }

    /** {@code out = f(in)} into another array of the same shape, {@code in} kept. */
    void forwardInto(INDArray in, INDArray out, boolean training) {
        switch (kind) {
            case TANH -> Nd4j.getExecutioner().exec(new Tanh(in, out));
            case SIGMOID -> Nd4j.getExecutioner().exec(new Sigmoid(in, out));
            default -> {
                out.assign(in);
                INDArray result = function.getActivation(out, training);
                if (result != out) {
                    out.assign(result);
                }
            }
        }
    }

    /**
     * {@code gradient *= f'(pre)}, the derivative taken from the output {@code out} (tanh,
     * sigmoid) or the kept pre-activation {@code pre}; {@code scratch} is overwritten. All four
     * have the same shape.
     */
    void backward(INDArray out, INDArray pre, INDArray gradient, INDArray scratch) {
        switch (kind) {
            case TANH -> {
                Nd4j.getExecutioner().exec(new Square(out, scratch));
                Nd4j.getExecutioner().exec(new OneMinus(scratch, scratch));
                LegacyPairwise.mul(gradient, scratch, gradient);
            }
            case SIGMOID -> {
                Nd4j.getExecutioner().exec(new TimesOneMinus(out, scratch));
                LegacyPairwise.mul(gradient, scratch, gradient);
            }
            default -> {
                scratch.assign(pre);
                INDArray dz = function.backprop(scratch, gradient).getFirst();
                if (dz != gradient) {
                    gradient.assign(dz);
                }
            }
        }
    }
}
