package org.keras4j.internal.dl4j;

import org.keras4j.initializers.Initializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;

/** Maps keras4j initializers to DL4J {@link IWeightInit}s that draw exactly Keras's distributions. */
public final class Dl4jInitializers {
    private Dl4jInitializers() {
    }

    /** The DL4J weight initializer for a kernel. */
    public static IWeightInit toDl4j(Initializer init) {
        return switch (init.identifier()) {
            case "glorot_uniform" -> WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
            default -> throw new IllegalArgumentException("initializer '" + init.identifier() + "' is not supported yet");
        };
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
