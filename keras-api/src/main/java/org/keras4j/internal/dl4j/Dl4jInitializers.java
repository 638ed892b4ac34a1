package org.keras4j.internal.dl4j;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.keras4j.initializers.Initializer;
import org.keras4j.internal.dl4j.initializers.Fans;
import org.keras4j.internal.dl4j.initializers.KerasIdentity;
import org.keras4j.internal.dl4j.initializers.KerasOrthogonal;
import org.keras4j.internal.dl4j.initializers.KerasRandomNormal;
import org.keras4j.internal.dl4j.initializers.KerasRandomUniform;
import org.keras4j.internal.dl4j.initializers.KerasVarianceScaling;

/**
 * Maps keras4j initializers to DL4J {@link IWeightInit}s that draw exactly Keras's
 * distributions: DL4J's own where identical (glorot_uniform = XAVIER_UNIFORM, he_uniform =
 * RELU_UNIFORM, constants), {@link org.keras4j.internal.dl4j.initializers} otherwise.
 *
 * <pre>{@code
 * denseBuilder.weightInit(Dl4jInitializers.toDl4j(dense.kernelInitializer()));
 * convBuilder.weightInit(Dl4jInitializers.toDl4j(conv.kernelInitializer(), 3, 3, 16, 32)); // Keras's fans
 * }</pre>
 */
public final class Dl4jInitializers {
    private Dl4jInitializers() {
    }

    /**
     * The DL4J weight initializer for a kernel, with the fans DL4J computes. Right for Dense
     * ({@code fan_in = nIn}, {@code fan_out = nOut}, as Keras); for convolutions and recurrent
     * kernels use {@link #toDl4j(Initializer, long...)}.
     *
     * @throws IllegalArgumentException for an initializer this translator does not know
     */
    public static IWeightInit toDl4j(Initializer init) {
        switch (init.identifier()) {
            case "glorot_uniform":
                return new WeightInitXavierUniform(); // U(+-sqrt(6 / (fanIn + fanOut))), Keras's
            case "he_uniform":
                return new WeightInitReluUniform(); // U(+-sqrt(6 / fanIn)), Keras's
            default:
                return translate(init, null);
        }
    }

    /**
     * The DL4J weight initializer for a kernel whose fans Keras computes from its Keras-layout
     * shape ({@link Fans#of}), overriding DL4J's (which divide a convolution's fan-out by its
     * strides and use other fans for LSTMs).
     *
     * @param kerasKernelShape e.g. {@code (3, 3, 16, 32)} for a 3x3 Conv2D from 16 to 32 channels
     * @throws IllegalArgumentException for an unknown initializer or a non-positive dimension
     */
    public static IWeightInit toDl4j(Initializer init, long... kerasKernelShape) {
        return translate(init, Fans.of(kerasKernelShape));
    }

    private static IWeightInit translate(Initializer init, double[] fans) {
        return switch (init.identifier()) {
            case "glorot_uniform" -> varianceScaling(1.0, "fan_avg", "uniform", fans);
            case "glorot_normal" -> varianceScaling(1.0, "fan_avg", "truncated_normal", fans);
            case "he_uniform" -> varianceScaling(2.0, "fan_in", "uniform", fans);
            case "he_normal" -> varianceScaling(2.0, "fan_in", "truncated_normal", fans);
            case "lecun_uniform" -> varianceScaling(1.0, "fan_in", "uniform", fans);
            case "lecun_normal" -> varianceScaling(1.0, "fan_in", "truncated_normal", fans);
            case "variance_scaling" -> varianceScaling(init.param("scale", 1.0), init.stringParam("mode", "fan_in"),
                    init.stringParam("distribution", "truncated_normal"), fans);
            case "random_uniform" -> new KerasRandomUniform(init.param("minval", -0.05), init.param("maxval", 0.05));
            case "random_normal" -> new KerasRandomNormal(init.param("mean", 0.0), init.param("stddev", 0.05), false);
            case "truncated_normal" -> new KerasRandomNormal(init.param("mean", 0.0), init.param("stddev", 0.05), true);
            case "zeros", "ones", "constant" -> new WeightInitConstant(init.constantValue());
            case "orthogonal" -> new KerasOrthogonal(init.param("gain", 1.0));
            case "identity" -> new KerasIdentity(init.param("gain", 1.0));
            default -> throw new IllegalArgumentException("initializer '" + init.identifier()
                    + "' has no DL4J translation; supported: " + org.keras4j.initializers.Initializers.names());
        };
    }

    private static IWeightInit varianceScaling(double scale, String mode, String distribution, double[] fans) {
        return fans == null ? new KerasVarianceScaling(scale, mode, distribution)
                : new KerasVarianceScaling(scale, mode, distribution, fans[0], fans[1]);
    }

    /**
     * The constant DL4J sets biases to.
     *
     * @throws IllegalArgumentException for a non-constant bias initializer (DL4J supports constants only)
     */
    public static double biasValue(Initializer init, String layer) {
        if (!init.isConstant()) {
            throw new IllegalArgumentException(layer + ": biasInitializer must be zeros, ones or constant on the DL4J backend, got '"
                    + init.identifier() + "'");
        }
        return init.constantValue();
    }
}
