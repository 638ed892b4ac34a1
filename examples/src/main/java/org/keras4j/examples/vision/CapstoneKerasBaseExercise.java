package org.keras4j.examples.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.keras4j.Model;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.MissingDatasetException;
import org.keras4j.datasets.TrainTest;
import org.keras4j.datasets.image.ImageTransform;
import org.keras4j.datasets.image.Transforms;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.training.OutputFiles;
import org.keras4j.layers.Layer;
import org.keras4j.training.TrainingCurves;

/**
 * The capstone with a base trained in Python Keras, as the course's is trained elsewhere: KotlinDL's ToyResNet (Keras's
 * functional-guide residual network on Fashion-MNIST, saved by tf.keras as {@code model.to_json()} plus
 * {@code save_weights}), loaded with {@link Model#fromJson} and {@code loadWeights}, cut after its global average
 * pooling (64 features) and frozen; the same new {@code Dense(5)} head as {@link CapstoneExercise}, trained on classes
 * 5-9 read from a PNG folder with a {@code #,TYPE,PATH,CLASS} index through {@code resize(28), toFloat()} (the base was
 * trained on pixels / 255). Unlike the keras4j base, this one saw all ten classes in its own training.
 *
 * <pre>{@code
 * ./keras4j run capstone-keras --data ../shared/data
 * }</pre>
 */
public final class CapstoneKerasBaseExercise implements Exercise {
    public static final String CONFIG = "keras-models/kotlindl/toyresnet_fmnist_modelConfig.json";
    public static final String WEIGHTS = "keras-models/kotlindl/toyresnet_fmnist_weights.h5";
    public static final double REFERENCE_ACCURACY = 0.90;

    @Override
    public String name() {
        return "capstone-keras";
    }

    @Override
    public String title() {
        return "Capstone with a Keras-trained base: KotlinDL's ToyResNet frozen, a new head on classes 5-9 from a PNG"
                + " folder (full data)";
    }

    /** The base as tf.keras saved it: JSON config and weights, built (no training settings in those files). */
    public static Model base(Path dataDir) throws IOException {
        Model toy = Model.fromJson(Files.readString(dataDir.resolve(CONFIG)));
        toy.build();
        toy.loadWeights(dataDir.resolve(WEIGHTS));
        return toy;
    }

    /** The layer the head reads: the base's global average pooling. */
    public static String featureLayer(Model base) {
        return base.layers().stream().filter(l -> l.className().equals("GlobalAveragePooling2D")).map(Layer::name)
                .reduce((first, last) -> last).orElseThrow(() -> new IllegalArgumentException("model '" + base.name()
                        + "' has no GlobalAveragePooling2D layer"));
    }

    /** Pixels as the base was trained on them: {@code / 255}. */
    public static ImageTransform transform() {
        return Transforms.compose(Transforms.resize(28), Transforms.toFloat());
    }

    /** Loads the base from {@code dataDir}, writes the PNG folder in {@code work}, trains and evaluates the head. */
    public static CapstoneExercise.Head transfer(Path dataDir, TrainTest<ImageData> fashion, Path work,
                                                 ExerciseContext ctx) throws IOException {
        Model base = base(dataDir);
        return CapstoneExercise.newHead(base, featureLayer(base), transform(), fashion, work, ctx);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Path dir = ctx.dataDir().orElseThrow(() -> new MissingDatasetException(null, "capstone-keras needs the"
                + " Keras-saved ToyResNet: run with --data DIR, DIR laid out as ../shared/data (" + CONFIG + ")"));
        if (!Files.isRegularFile(dir.resolve(CONFIG)) || !Files.isRegularFile(dir.resolve(WEIGHTS))) {
            throw new MissingDatasetException(null, "capstone-keras: no " + CONFIG + " and " + WEIGHTS + " in " + dir);
        }
        TrainTest<ImageData> fashion = FashionMnist.load(dir);
        Path work;
        try {
            work = Files.createTempDirectory("keras4j-capstone-keras");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory: " + e.getMessage(), e);
        }
        try {
            CapstoneExercise.Head head = transfer(dir, fashion, work, ctx);
            Path curves = TrainingCurves.plot(head.history(), OutputFiles.path("capstone-keras.png"),
                    "capstone head on KotlinDL's Keras-trained ToyResNet, classes 5-9");
            Checks checks = new Checks(ctx.out());
            checks.that("test accuracy on classes 5-9 >= " + REFERENCE_ACCURACY, head.testAccuracy(),
                    head.testAccuracy() >= REFERENCE_ACCURACY);
            ctx.out().printf(Locale.ROOT, "features and head %.1f s; curves: %s%n", head.seconds(), curves);
            return ExerciseResult.of("test accuracy", head.testAccuracy()).withPassed(checks.result("checks").passed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            CapstoneExercise.deleteRecursively(work);
        }
    }
}
