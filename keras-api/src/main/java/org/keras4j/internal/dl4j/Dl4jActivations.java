package org.keras4j.internal.dl4j;

import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.activations.BinaryStep;
import org.keras4j.internal.dl4j.activations.KerasElu;
import org.keras4j.internal.dl4j.activations.KerasExponential;
import org.keras4j.internal.dl4j.activations.KerasGelu;
import org.keras4j.internal.dl4j.activations.KerasHardSigmoid;
import org.keras4j.internal.dl4j.activations.KerasHardSilu;
import org.keras4j.internal.dl4j.activations.KerasLogSoftmax;
import org.keras4j.internal.dl4j.activations.KerasMish;
import org.keras4j.internal.dl4j.activations.KerasRelu;
import org.keras4j.internal.dl4j.activations.KerasSilu;
import org.keras4j.internal.dl4j.activations.KerasSoftplus;
import org.keras4j.internal.dl4j.activations.LegacyGradientTanh;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * Maps keras4j activation functions to DL4J {@link IActivation}s that compute exactly Keras's
 * function and derivative.
 *
 * <p>DL4J's built-ins are used where their formula matches Keras 3 (identity, relu, sigmoid,
 * tanh, softmax, leaky_relu, selu, softsign, relu6; softmax and sigmoid also keep DL4J's fused
 * loss gradients working); plain relu and tanh keep DL4J's forward pass with a faster gradient
 * ({@code StepGradientRelu}, {@code LegacyGradientTanh}). The others are keras4j's own, in
 * {@code org.keras4j.internal.dl4j.activations}: see that package for why each DL4J one differs.
 *
 * <pre>{@code
 * IActivation gelu = Dl4jActivations.toDl4j(Activations.get("gelu"));   // exact erf form
 * }</pre>
 */
public final class Dl4jActivations {
    private Dl4jActivations() {
    }

    /**
     * The DL4J activation computing exactly Keras's function.
     *
     * @throws IllegalArgumentException if the function has no DL4J translation
     */
    public static IActivation toDl4j(ActivationFunction f) {
        return switch (f.name()) {
            case "linear" -> new ActivationIdentity();
            case "relu" -> relu(f);
            case "sigmoid" -> new ActivationSigmoid();
            case "tanh" -> new LegacyGradientTanh();
            case "softmax" -> new ActivationSoftmax();
            case "log_softmax" -> new KerasLogSoftmax();
            case "leaky_relu" -> new ActivationLReLU(f.param("negative_slope", Activations.LEAKY_RELU_NEGATIVE_SLOPE));
            case "elu" -> new KerasElu(f.param("alpha", Activations.ELU_ALPHA));
            case "selu" -> new ActivationSELU();
            case "gelu" -> new KerasGelu(f.flag("approximate", false));
            case "silu" -> new KerasSilu();
            case "softplus" -> new KerasSoftplus();
            case "softsign" -> new ActivationSoftSign();
            case "hard_sigmoid" -> new KerasHardSigmoid();
            case Activations.LEGACY_HARD_SIGMOID -> KerasHardSigmoid.legacy(); // exact in float64, unlike DL4J's
            case "hard_silu" -> new KerasHardSilu();
            case "relu6" -> new ActivationReLU6();
            case "mish" -> new KerasMish();
            case "exponential" -> new KerasExponential();
            case "binary_step" -> new BinaryStep();
            default -> throw new IllegalArgumentException("activation '" + f.name() + "' has no DL4J translation;"
                    + " translatable: " + String.join(", ", Activations.names()));
        };
    }

    /** Keras's branches: plain relu, leaky relu when only a slope is set (gradient 1 at 0), else the general form. */
    private static IActivation relu(ActivationFunction f) {
        double negativeSlope = f.param("negative_slope", 0.0);
        Double maxValue = f.nullableParam("max_value");
        double threshold = f.param("threshold", 0.0);
        if (maxValue == null && threshold == 0.0) {
            return negativeSlope == 0.0 ? new StepGradientRelu() : new ActivationLReLU(negativeSlope);
        }
        return new KerasRelu(negativeSlope, maxValue, threshold);
    }
}
