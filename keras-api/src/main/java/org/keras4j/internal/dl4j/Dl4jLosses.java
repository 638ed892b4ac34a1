package org.keras4j.internal.dl4j;

import org.keras4j.activations.ActivationFunction;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Fuses a Keras loss with the model's last activation into what a DL4J output layer owns:
 * an {@link ILossFunction} and the {@link IActivation} it is applied after.
 */
public final class Dl4jLosses {
    private Dl4jLosses() {
    }

    /** What the DL4J output layer gets: its activation and its loss. */
    public record Fused(IActivation activation, ILossFunction loss) {
    }

    /**
     * @param loss the compiled loss
     * @param outputActivation the activation of the model's last layer
     * @param outputUnits width of the model's output
     * @throws IllegalArgumentException if the loss is not supported with that activation
     */
    public static Fused fuse(Loss loss, ActivationFunction outputActivation, long outputUnits) {
        IActivation act = Dl4jActivations.toDl4j(outputActivation);
        return switch (loss.identifier()) {
            case "mean_squared_error" -> new Fused(act, new LossMSE());
            case "categorical_crossentropy" -> new Fused(act, new LossMCXENT());
            default -> throw new IllegalArgumentException("loss '" + loss.identifier() + "' is not supported yet");
        };
    }
}
