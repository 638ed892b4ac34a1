package org.keras4j.examples.unsupervised;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.EarlyStopping;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.training.OutputFiles;
import org.keras4j.models.AnomalyDetector;
import org.keras4j.models.Autoencoder;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anomaly detection by reconstruction error on Fashion-MNIST. The class split: footwear is normal
 * (Sandal 5, Sneaker 7, Ankle boot 9), everything else is an anomaly (T-shirt/top, Trouser,
 * Pullover, Dress, Coat, Shirt, Bag). A deep autoencoder (784-128-32-128-784, relu, sigmoid
 * output, mse) is trained on the normal training images only, the threshold is the 95th
 * percentile of the errors of 2,000 normal training images held out for validation, and the test
 * set's 3,000 normal and 7,000 anomalous images are scored: ROC AUC, detection rate and
 * false-positive rate.
 *
 * <pre>{@code
 * ./keras4j run anomaly-detection --data ../shared/data
 * }</pre>
 */
public final class AnomalyDetectionExercise implements Exercise {
    /** The normal classes: Sandal, Sneaker, Ankle boot. */
    public static final Set<Integer> NORMAL = Set.of(5, 7, 9);
    public static final int VALIDATION_IMAGES = 2000;
    public static final int EPOCHS = 8;
    public static final double PERCENTILE = 95;
    /** The reference result: ROC AUC at least this. */
    public static final double MIN_AUC = 0.90;

    @Override
    public String name() {
        return "anomaly-detection";
    }

    @Override
    public String title() {
        return "Anomaly detection on Fashion-MNIST: autoencoder trained on footwear flags the other classes (full data)";
    }

    /** The detector's test results and the training time. */
    public record Result(AnomalyDetector.Evaluation evaluation, double trainSeconds, Autoencoder autoencoder) {
    }

    /** Trains on the normal training images and evaluates on the test set, from a fixed seed. */
    public static Result detect(TrainTest<FashionVectors> data, int epochs, ExerciseContext ctx) {
        FashionVectors normal = data.train().ofClasses(NORMAL).shuffled(1);
        FashionVectors val = normal.rows(0, VALIDATION_IMAGES);
        FashionVectors train = normal.rows(VALIDATION_IMAGES, normal.size());
        Keras.setRandomSeed(0);
        Autoencoder ae = Autoencoder.deep(FashionVectors.PIXELS, 128, 32).withOutputActivation("sigmoid")
                .compile(new Adam(1e-3), "mse");
        long t0 = System.nanoTime();
        ae.fit(train.x(), FitOptions.defaults().epochs(epochs).batchSize(128).verbose(ctx == null ? 0 : 2)
                .validationData(val.x(), val.x())
                .callbacks(new EarlyStopping("val_loss").withPatience(2).withRestoreBestWeights(true)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        AnomalyDetector detector = AnomalyDetector.fit(ae, val.x(), PERCENTILE);
        Set<Integer> others = new java.util.HashSet<>(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        others.removeAll(NORMAL);
        AnomalyDetector.Evaluation ev = detector.evaluate(data.test().ofClasses(NORMAL).x(),
                data.test().ofClasses(others).x());
        if (ctx != null) {
            ctx.out().printf(Locale.ROOT, "trained on %d footwear images in %.1f s; threshold (95th percentile of %d"
                    + " validation errors) %.5f%n%s%n", train.size(), seconds, val.size(), detector.threshold(), ev);
        }
        return new Result(ev, seconds, ae);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<FashionVectors> data = FashionVectors.load(ctx);
        Result r = detect(data, EPOCHS, ctx);
        // what the detector sees: test images of each kind and their reconstructions
        FashionVectors test = data.test().first(2000);
        INDArray normal = test.ofClasses(NORMAL).x();
        INDArray anomalous = test.ofClasses(Set.of(0, 1, 2, 3, 4, 6, 8)).x();
        Path png = Pictures.imageGrid(List.of("normal", "reconstruction", "anomalies", "reconstruction"),
                List.of(normal, r.autoencoder().reconstruct(normal), anomalous, r.autoencoder().reconstruct(anomalous)),
                28, 28, 12, OutputFiles.path("anomaly-detection.png"));
        ctx.out().println("reconstructions: " + png.toAbsolutePath());
        double auc = r.evaluation().rocAuc();
        return ExerciseResult.of("ROC AUC", auc, String.format(Locale.ROOT, "%.4f", auc))
                .withDetails(r.evaluation().toString())
                .withPassed(auc >= MIN_AUC);
    }
}
