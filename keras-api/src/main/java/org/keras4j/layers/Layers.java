package org.keras4j.layers;

import java.util.Map;
import org.keras4j.layers.activations.ELU;
import org.keras4j.layers.activations.LeakyReLU;
import org.keras4j.layers.activations.ReLU;
import org.keras4j.layers.activations.Softmax;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.regularization.GaussianNoise;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Reshape;
import org.keras4j.utils.Registry;

/**
 * Rebuilds layers from their saved class name and config (Keras's {@code deserialize}).
 *
 * <pre>{@code
 * Layer dense = Layers.fromConfig("Dense", Map.of("units", 10));
 * }</pre>
 */
public final class Layers {
    private static final Registry<Layer> REGISTRY = new Registry<Layer>("layer")
            .register(Input::fromConfig, "InputLayer")
            .register(Dense::fromConfig, "Dense")
            .register(Activation::fromConfig, "Activation")
            .register(Dropout::fromConfig, "Dropout")
            .register(GaussianNoise::fromConfig, "GaussianNoise")
            .register(Flatten::fromConfig, "Flatten")
            .register(Reshape::fromConfig, "Reshape")
            .register(BatchNormalization::fromConfig, "BatchNormalization")
            .register(LeakyReLU::fromConfig, "LeakyReLU")
            .register(ReLU::fromConfig, "ReLU")
            .register(ELU::fromConfig, "ELU")
            .register(Softmax::fromConfig, "Softmax");

    private Layers() {
    }

    public static Layer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }
}
