package org.keras4j.examples.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Model;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.MissingDatasetException;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A model a colleague trained in Python: the Keras 3.13 Fashion-MNIST CNN saved as {@code .keras} (Conv2D 32, 64,
 * 128 with max-pooling, Dense 10 softmax; Keras's own evaluation gave test accuracy 0.8920) is loaded, its summary
 * printed, evaluated on the 10,000 test images, fine-tuned for one epoch with the optimizer its file names, saved
 * as {@code .keras} for Keras again, and loaded back.
 *
 * <pre>{@code
 * ./keras4j run keras-import --data ../shared/data
 * }</pre>
 */
public final class KerasImportExercise implements Exercise {
    /** Where the model lies in the reference data directory. */
    public static final String MODEL = "keras-models/keras3/sami_fashion_mnist_model_keras3.13.keras";
    /** {@code model.evaluate(test_images, test_labels)} in the notebook that trained it. */
    public static final double KERAS_ACCURACY = 0.8920000195503235;
    public static final double KERAS_LOSS = 0.6344940662384033;
    public static final double TOLERANCE = 0.002;

    /** What the exercise measured. */
    public record Result(double importedAccuracy, double importedLoss, double fineTunedAccuracy, double reloadDifference,
                         Path saved) {
    }

    @Override
    public String name() {
        return "keras-import";
    }

    @Override
    public String title() {
        return "A Keras 3.13 Fashion-MNIST CNN (.keras): summary, evaluate, fine-tune 1 epoch, save as .keras (full data)";
    }

    /**
     * Loads, evaluates, fine-tunes on the first {@code fineTuneImages} training images (one epoch), saves to
     * {@code out} and reloads the model at {@code file}.
     */
    public static Result run(Path file, TrainTest<ImageData> data, int fineTuneImages, Path out, ExerciseContext ctx) {
        Model model = Keras.loadModel(file);
        if (ctx != null) {
            model.summary(ctx.out()::println);
        }
        Map<String, Double> imported = model.evaluate(data.test().x(), data.test().y(), 1000);
        Keras.setRandomSeed(0);
        int n = Math.min(fineTuneImages, data.train().numImages());
        model.fit(data.train().x().get(NDArrayIndex.interval(0, n)), data.train().y().get(NDArrayIndex.interval(0, n)),
                FitOptions.defaults().epochs(1).batchSize(32)
                .verbose(ctx == null ? 0 : 2));
        Map<String, Double> tuned = model.evaluate(data.test().x(), data.test().y(), 1000);
        model.save(out);
        Model again = Keras.loadModel(out);
        INDArray some = data.test().x().get(NDArrayIndex.interval(0, 256));
        double difference = model.predict(some).sub(again.predict(some)).amaxNumber().doubleValue();
        return new Result(imported.get("accuracy"), imported.get("loss"), tuned.get("accuracy"), difference, out);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Path dir = ctx.dataDir().orElseThrow(() -> new MissingDatasetException(null, "keras-import needs the Keras-saved"
                + " model files: run with --data DIR, DIR laid out as ../shared/data (" + MODEL + ")"));
        Path file = dir.resolve(MODEL);
        if (!Files.isRegularFile(file)) {
            throw new MissingDatasetException(null, "keras-import: no Keras model at " + file);
        }
        TrainTest<ImageData> data = FashionMnist.load(dir);
        Result r = run(file, data, data.train().numImages(), Path.of("keras4j-output", "fashion-finetuned.keras"), ctx);
        ctx.out().printf("imported: test accuracy %.4f, loss %.4f (Keras: %.4f, %.4f); after one epoch %.4f; saved %s,"
                + " reloaded predictions differ by %.1e%n", r.importedAccuracy(), r.importedLoss(), KERAS_ACCURACY,
                KERAS_LOSS, r.fineTunedAccuracy(), r.saved(), r.reloadDifference());
        boolean passed = Math.abs(r.importedAccuracy() - KERAS_ACCURACY) <= TOLERANCE && r.reloadDifference() == 0
                && r.fineTunedAccuracy() >= r.importedAccuracy() - 0.02;
        return ExerciseResult.of("test accuracy (Keras 0.8920)", r.importedAccuracy()).withPassed(passed)
                .withDetails(String.format("fine-tuned %.4f", r.fineTunedAccuracy()));
    }
}
