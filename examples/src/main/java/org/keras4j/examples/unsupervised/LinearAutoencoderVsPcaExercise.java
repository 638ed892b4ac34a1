package org.keras4j.examples.unsupervised;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.LearningRateScheduler;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.training.OutputFiles;
import org.keras4j.models.Autoencoder;
import org.keras4j.models.PCA;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * "From PCA to autoencoders" on Fashion-MNIST: for code sizes 2, 16 and 32, PCA and a linear
 * autoencoder ({@code Autoencoder.linear(784, k)}: no bias, no activation, mse, Adam) fitted on the
 * same centred training images, compared by their mean squared reconstruction error per pixel
 * on the test images. A linear autoencoder's optimum is PCA's subspace, so its error should come
 * within a few percent of PCA's; the 2-D codes of both are drawn coloured by class.
 *
 * <pre>{@code
 * ./keras4j run autoencoder-vs-pca --data ../shared/data
 * }</pre>
 */
public final class LinearAutoencoderVsPcaExercise implements Exercise {
    /** Code sizes compared. */
    public static final int[] CODE_SIZES = {2, 16, 32};
    /** Training images used (the first of the training set) and test images scored. */
    public static final int TRAIN_IMAGES = 20_000;
    public static final int TEST_IMAGES = 10_000;
    public static final int EPOCHS = 12;
    /** The bound the exercise checks: the autoencoder's test error at most this times PCA's. */
    public static final double BOUND = 1.05;

    @Override
    public String name() {
        return "autoencoder-vs-pca";
    }

    @Override
    public String title() {
        return "Linear autoencoder vs PCA on Fashion-MNIST, code sizes 2, 16, 32 (full data)";
    }

    /** One code size's result: mean squared error per pixel on the test images, and the autoencoder's training time. */
    public record Row(int codeSize, double pcaError, double autoencoderError, double trainSeconds,
                      INDArray pcaCodes, INDArray autoencoderCodes) {
        public double ratio() {
            return autoencoderError / pcaError;
        }
    }

    /**
     * Fits PCA and a linear autoencoder per code size on {@code train} (centred by its pixel means)
     * and scores both on {@code test}.
     */
    public static List<Row> compare(FashionVectors train, FashionVectors test, int[] codeSizes, int epochs,
                                    ExerciseContext ctx) {
        INDArray mean = train.x().mean(0);
        INDArray xTrain = train.x().subRowVector(mean);
        INDArray xTest = test.x().subRowVector(mean);
        List<Row> rows = new ArrayList<>();
        for (int k : codeSizes) {
            PCA pca = new PCA(k).fit(xTrain);
            INDArray pcaCodes = pca.transform(xTest);
            double pcaError = Autoencoder.meanSquaredError(xTest, pca.inverseTransform(pcaCodes)).meanNumber().doubleValue();

            Keras.setRandomSeed(k);
            Autoencoder ae = Autoencoder.linear(FashionVectors.PIXELS, k).compile(new Adam(2e-3), "mse");
            long t0 = System.nanoTime();
            // a fixed Adam step leaves the weights jittering about the optimum: the rate decays after a few epochs
            ae.fit(xTrain, FitOptions.defaults().epochs(epochs).batchSize(128).verbose(ctx == null ? 0 : 2)
                    .callbacks(new LearningRateScheduler((epoch, lr) -> epoch < epochs / 3 ? lr : lr * 0.7)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double aeError = ae.reconstructionError(xTest).meanNumber().doubleValue();
            Row row = new Row(k, pcaError, aeError, seconds, pcaCodes, ae.encode(xTest));
            rows.add(row);
            if (ctx != null) {
                ctx.out().printf(Locale.ROOT, "k = %2d: PCA %.5f, linear autoencoder %.5f (ratio %.4f), trained in %.1f s%n",
                        k, pcaError, aeError, row.ratio(), seconds);
            }
        }
        return rows;
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<FashionVectors> data = FashionVectors.load(ctx);
        FashionVectors train = data.train().first(TRAIN_IMAGES);
        FashionVectors test = data.test().first(TEST_IMAGES);
        List<Row> rows = compare(train, test, CODE_SIZES, EPOCHS, ctx);

        List<String> categories = new ArrayList<>();
        Map<String, List<Double>> errors = new LinkedHashMap<>();
        errors.put("PCA", new ArrayList<>());
        errors.put("linear autoencoder", new ArrayList<>());
        double worst = 0;
        for (Row r : rows) {
            categories.add("k = " + r.codeSize());
            errors.get("PCA").add(r.pcaError());
            errors.get("linear autoencoder").add(r.autoencoderError());
            worst = Math.max(worst, r.ratio());
        }
        Row two = rows.get(0);
        int shown = 2000;
        int[] labels = java.util.Arrays.copyOf(test.labels(), shown);
        List<Chart<?, ?>> charts = List.of(
                Pictures.bars("test reconstruction error", "mean squared error per pixel", categories, errors),
                Pictures.scatter("PCA, 2 components", two.pcaCodes().getRows(range(shown)), labels, FashionMnist.LABELS),
                Pictures.scatter("linear autoencoder, code size 2", two.autoencoderCodes().getRows(range(shown)), labels,
                        FashionMnist.LABELS));
        Path png = Pictures.panels(charts, 3, OutputFiles.path("autoencoder-vs-pca.png"));
        ctx.out().println("errors and 2-D codes: " + png.toAbsolutePath());
        return ExerciseResult.of("worst AE / PCA error", worst, String.format(Locale.ROOT, "%.4f", worst))
                .withDetails(details(rows))
                .withPassed(worst <= BOUND);
    }

    static String details(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "k=%d PCA %.5f AE %.5f; ", r.codeSize(), r.pcaError(), r.autoencoderError()));
        }
        return s.toString().trim();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
