package org.keras4j.layers.convolutional;

import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * 1-D convolution over sequences, as Keras's {@code Conv1D}. Input {@code (steps, channels)};
 * output {@code (newSteps, filters)} with Keras's length arithmetic (see {@link Conv2D}); padding
 * may also be "causal": the input is left-padded with {@code dilation*(k-1)} zeros so an output
 * step never sees later input steps, and the length is {@code ceil(steps / stride)}. Parameters:
 * {@code k*channels*filters + filters}.
 *
 * <pre>{@code
 * new Sequential(new Input(100, 8),
 *         new Conv1D(32, 3, "relu").withPadding("causal"),
 *         new GlobalAveragePooling1D(),
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class Conv1D extends KernelConv<Conv1D> {
    /** A linear Conv1D. */
    public Conv1D(int filters, int kernelSize) {
        this(filters, kernelSize, (ActivationFunction) null);
    }

    /** @throws IllegalArgumentException if {@code filters} or {@code kernelSize} is not positive or the activation is unknown */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    public Conv1D(int filters, int kernelSize, ActivationFunction activation) {
        super(1, filters, new int[] {kernelSize}, activation);
    }

    public static Conv1D fromConfig(Map<String, Object> cfg) {
        return new Conv1D(Configs.getInt(cfg, "filters", 1), kernelSizeFromConfig(cfg)[0], activationFromConfig(cfg))
                .applyBaseConfig(cfg);
    }

    @Override
    protected Conv1D self() {
        return this;
    }

    @Override
    protected boolean allowsCausalPadding() {
        return true;
    }
}
