package org.keras4j.models.zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.keras4j.Model;

/**
 * Loads an architecture's {@code weights} argument into the model, built ({@link Model#build()}: {@code predict}
 * works, and the user's own {@code compile} keeps the weights): any file {@link Model#loadWeights} reads (keras4j's
 * model or weights files, Keras's {@code .keras}, {@code .weights.h5} and legacy {@code .h5} files, matched by layer
 * name, legacy files by order when the names differ), or torchvision's ResNet weights as a {@code .npz}
 * ({@link TorchvisionWeights}).
 */
final class ZooWeights {
    private ZooWeights() {
    }

    /**
     * {@code model} itself when {@code weights} is null, else built and holding the file's weights.
     *
     * @throws IllegalArgumentException if the file is missing or not this architecture's weights (a {@code .npz} is
     *                                  read as torchvision's)
     */
    static <M extends Model> M load(M model, Path weights) {
        if (weights == null) {
            return model;
        }
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("weights: " + weights + " does not exist or is not a file; expected a"
                    + " keras4j or Keras model or weights file of " + model.name());
        }
        String file = weights.getFileName().toString().toLowerCase(Locale.ROOT);
        model.build();
        if (file.endsWith(".npz")) {
            TorchvisionWeights.load(model, weights);
        } else {
            model.loadWeights(weights);
        }
        return model;
    }
}
