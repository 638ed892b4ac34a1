package org.keras4j.examples.vision;

import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Model;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.ExerciseContext;

/**
 * Trains a compiled image classifier (a {@code Sequential} or a {@code Functional} model) on a
 * train/test pair and reports the test accuracy; shared by the vision exercises and their
 * acceptance tests.
 *
 * <pre>{@code
 * double acc = ImageClassifier.trainAndTest(model, FashionMnist.load(), 3, 64, ctx);
 * }</pre>
 */
public final class ImageClassifier {
    private ImageClassifier() {
    }

    /** Fits on the training images (sparse labels), then evaluates on the test images. */
    public static double trainAndTest(Model model, TrainTest<ImageData> data, int epochs, int batchSize,
                                      ExerciseContext ctx) {
        return trainAndTest(model, data, FitOptions.defaults().epochs(epochs).batchSize(batchSize), ctx);
    }

    /** As {@link #trainAndTest(Model, TrainTest, int, int, ExerciseContext)} with the caller's options (callbacks). */
    public static double trainAndTest(Model model, TrainTest<ImageData> data, FitOptions options, ExerciseContext ctx) {
        model.fit(data.train().x(), data.train().y(), options.verbose(ctx == null ? 0 : 2));
        Map<String, Double> scores = model.evaluate(data.test().x(), data.test().y(), 1000);
        if (ctx != null) {
            ctx.out().printf("test loss %.4f, test accuracy %.4f%n", scores.get("loss"), scores.get("accuracy"));
        }
        return scores.get("accuracy");
    }

    /** The data set from {@code --data} when given, else through the standard lookup. */
    static TrainTest<ImageData> load(ExerciseContext ctx, java.util.function.Function<java.nio.file.Path, TrainTest<ImageData>> fromDir,
                                     java.util.function.Supplier<TrainTest<ImageData>> standard) {
        return ctx.dataDir().map(fromDir).orElseGet(standard);
    }
}
