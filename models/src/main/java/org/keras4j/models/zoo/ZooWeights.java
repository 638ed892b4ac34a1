package org.keras4j.models.zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.keras4j.Model;

/**
 * Loads an architecture's {@code weights} argument: a keras4j file written by {@code model.save} or
 * {@code model.saveWeights}, matched by layer name ({@link Model#loadWeights}), or torchvision's ResNet weights as a
 * {@code .npz} ({@link TorchvisionWeights}). keras4j creates a model's weights when it is compiled, so the model is
 * compiled first (Adam, mean squared error: placeholders that loading needs and the user's own {@code compile}
 * replaces, keeping the weights).
 *
 * <p>The one place a Keras file ({@code .h5}, {@code .keras}) will be accepted once keras4j reads them; until then it
 * fails saying so.
 */
final class ZooWeights {
    private ZooWeights() {
    }

    /**
     * {@code model} itself when {@code weights} is null, else compiled and holding the file's weights.
     *
     * @throws IllegalArgumentException if the file is missing, a Keras file, or not this architecture's weights
     *                                  (a {@code .npz} is read as torchvision's)
     */
    static <M extends Model> M load(M model, Path weights) {
        if (weights == null) {
            return model;
        }
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("weights: " + weights + " does not exist or is not a file; expected a"
                    + " keras4j model or weights file (model.save / model.saveWeights) of " + model.name());
        }
        String file = weights.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".h5") || file.endsWith(".hdf5") || file.endsWith(".keras")) {
            throw new IllegalArgumentException("weights: " + weights + " is a Keras file, which keras4j cannot read"
                    + " yet; expected a keras4j model or weights file (model.save / model.saveWeights)");
        }
        model.compile("adam", "mse");
        if (file.endsWith(".npz")) {
            TorchvisionWeights.load(model, weights);
        } else {
            model.loadWeights(weights);
        }
        return model;
    }
}
