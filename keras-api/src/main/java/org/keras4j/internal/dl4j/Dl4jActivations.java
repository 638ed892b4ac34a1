package org.keras4j.internal.dl4j;

import org.keras4j.activations.ActivationFunction;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/** Maps keras4j activation functions to DL4J {@link IActivation}s. */
public final class Dl4jActivations {
    private Dl4jActivations() {
    }

    /**
     * The DL4J activation computing exactly Keras's function.
     *
     * @throws IllegalArgumentException if the function has no DL4J equivalent
     */
    public static IActivation toDl4j(ActivationFunction f) {
        return switch (f.name()) {
            case "linear" -> Activation.IDENTITY.getActivationFunction();
            case "relu" -> Activation.RELU.getActivationFunction();
            case "sigmoid" -> Activation.SIGMOID.getActivationFunction();
            case "tanh" -> Activation.TANH.getActivationFunction();
            case "softmax" -> Activation.SOFTMAX.getActivationFunction();
            default -> throw new IllegalArgumentException("activation '" + f.name() + "' is not supported yet");
        };
    }
}
