package org.keras4j.saving.keras;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.keras4j.Model;
import org.keras4j.saving.ModelArchive;
import org.keras4j.saving.hdf5.Hdf5Reader;

/**
 * One entry point for model files, whoever wrote them: Keras 3's {@code .keras} zip, Keras's legacy HDF5 files from
 * Keras 1.x, 2.x, tf.keras and 3.x (a whole model, or weights only), Keras's JSON config ({@code model.to_json()}),
 * and keras4j's own format. Files are told apart by their content, not their name: an HDF5 signature, or a zip holding
 * {@code config.json} (Keras) or {@code keras4j.json} (keras4j). A model is rebuilt from keras4j's own layers (its
 * translator, its fast paths); a config keras4j cannot map fails before anything is built, listing every layer and
 * argument it cannot honour ({@link IncompatibleModelException}). Loading never runs code from a file (a {@code Lambda}
 * layer is refused, as Keras's {@code safe_mode}), never extracts anything to disk, and checks every declared size
 * before allocating. Optimizer state stored by Keras is not restored: the optimizer starts fresh.
 *
 * <pre>{@code
 * Model model = KerasFiles.load(Path.of("fashion_mnist_model.keras"));   // also .h5, keras4j files
 * model.summary();
 * model.fit(x, y, FitOptions.defaults().epochs(1));
 * KerasFiles.save(model, Path.of("fine_tuned.keras"));                  // Keras 3 can load it
 *
 * Model lenet = KerasFiles.fromJson(Files.readString(Path.of("modelConfig.json")));
 * lenet.build();
 * KerasFiles.loadWeights(lenet, Path.of("weights.h5"));
 * }</pre>
 */
public final class KerasFiles {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    private KerasFiles() {
    }

    /**
     * The model in the file at {@code path}: a {@code .keras} file, a legacy Keras HDF5 model file, or a keras4j model
     * file. Compiled as the file's training settings say; without any, only built (predict works, fit needs compile).
     *
     * @throws IllegalArgumentException if the file is missing, truncated, not a model file, holds weights only, or
     *                                  holds a model keras4j cannot rebuild (listing why)
     */
    public static Model load(Path path) {
        return switch (kind(path)) {
            case HDF5 -> {
                try (Hdf5Reader h5 = Hdf5Reader.open(path)) {
                    yield LegacyH5.load(h5, size(path));
                }
            }
            case KERAS_ZIP -> KerasArchive.load(path);
            case KERAS4J_ZIP -> ModelArchive.load(path);
        };
    }

    /**
     * Keras's {@code model_from_json}: the model of a JSON config written by {@code model.to_json()} (Keras 1, 2 or
     * 3), not compiled and without weights; call {@code build()} or {@code compile(...)}, then {@link #loadWeights}.
     */
    public static Model fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        return KerasModelConfig.fromJson(json, "the JSON config");
    }

    /**
     * Loads weights into {@code model} (compiled or built): from a Keras HDF5 file (legacy full-model or
     * {@code save_weights} files, layers matched by name, else by order as Keras; or Keras 3's {@code .weights.h5}),
     * a {@code .keras} file, or a keras4j file. Nothing is written unless every layer's weights fit.
     */
    public static void loadWeights(Model model, Path path) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        switch (kind(path)) {
            case HDF5 -> {
                if (!model.isBuilt()) {
                    throw new IllegalStateException("You must call compile() before loadWeights() on model '"
                            + model.name() + "' (or build() it): keras4j creates the weights then");
                }
                try (Hdf5Reader h5 = Hdf5Reader.open(path)) {
                    if (KerasArchive.isKeras3Weights(h5)) {
                        KerasArchive.loadWeights(model, h5, size(path));
                    } else {
                        LegacyH5.loadWeights(model, h5, size(path));
                    }
                }
            }
            case KERAS_ZIP -> KerasArchive.loadWeights(model, path);
            case KERAS4J_ZIP -> ModelArchive.loadWeights(model, path);
        }
    }

    /**
     * Saves {@code model} (compiled or built): a path ending in {@code .keras} gets a Keras 3 file that Keras's
     * {@code load_model} opens; any other path keras4j's own format (which also keeps the optimizer's state).
     *
     * @throws IllegalArgumentException for {@code .h5} / {@code .hdf5}: keras4j writes Keras 3's format, not the legacy one
     */
    public static void save(Model model, Path path) {
        String name = fileName(path);
        if (name.endsWith(".keras")) {
            KerasArchive.save(model, path);
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            throw new IllegalArgumentException("path " + path + ": keras4j does not write Keras's legacy HDF5 format;"
                    + " save to a path ending in .keras (Keras 3's format), or .weights.h5 with saveWeights");
        } else {
            ModelArchive.save(model, path);
        }
    }

    /**
     * Saves {@code model}'s weights: a path ending in {@code .weights.h5} gets Keras 3's weights file
     * ({@code model.save_weights}), any other keras4j's own format.
     */
    public static void saveWeights(Model model, Path path) {
        if (fileName(path).endsWith(".weights.h5")) {
            KerasArchive.saveWeights(model, path);
        } else {
            ModelArchive.saveWeights(model, path);
        }
    }

    private enum Kind { HDF5, KERAS_ZIP, KERAS4J_ZIP }

    private static Kind kind(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HDF5_SIGNATURE.length);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No model file at " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
        if (startsWith(head, HDF5_SIGNATURE)) {
            return Kind.HDF5;
        }
        if (startsWith(head, ZIP_SIGNATURE)) {
            try (var zip = KerasArchive.ZIP.open(path)) {
                return zip.has(KerasArchive.CONFIG) ? Kind.KERAS_ZIP : Kind.KERAS4J_ZIP;
            } catch (IllegalArgumentException damaged) {
                // a damaged zip: the reader its name points to says what is wrong, in its own terms
            }
        }
        String name = fileName(path);
        if (name.endsWith(".keras")) {
            return Kind.KERAS_ZIP;
        }
        return name.endsWith(".h5") || name.endsWith(".hdf5") ? Kind.HDF5 : Kind.KERAS4J_ZIP;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(Path path) {
        if (path == null || path.getFileName() == null) {
            throw new IllegalArgumentException("path must name a file, got " + path);
        }
        return path.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
