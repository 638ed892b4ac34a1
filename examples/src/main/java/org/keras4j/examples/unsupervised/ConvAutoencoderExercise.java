package org.keras4j.examples.unsupervised;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.training.OutputFiles;
import org.keras4j.models.Autoencoder;
import org.keras4j.models.PCA;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolutional autoencoder on Fashion-MNIST against the linear baseline with the same code
 * size: {@code Autoencoder.conv(28, 28, 1, 16, 2)} (Conv2D 16 3x3 relu, max-pooling, Conv2D 2
 * 3x3 relu, max-pooling: a code of 7 x 7 x 2 = {@value #CODE_SIZE} values; then Conv2D +
 * UpSampling2D back up and a sigmoid Conv2D to one channel), mse, Adam {@value #LEARNING_RATE},
 * batch 64, {@value #EPOCHS} epochs on the first {@value #TRAIN_IMAGES} training images, against
 * PCA with {@value #CODE_SIZE} components fitted on the same images. Both are scored by the mean
 * squared error per pixel on {@value #TEST_IMAGES} test images, beside the error of predicting the
 * mean training image; a grid shows inputs and both reconstructions.
 *
 * <p>The comparison is honest rather than flattering: PCA is the best linear code of a given size
 * for squared error, and a small convolutional code trained for half a minute stays above it
 * (its code is local: each of its 98 values sees a 10x10 patch): measured 0.0132 against PCA's
 * 0.0077, the mean image 0.0860, in 44 s of training on 2 busy cores.
 *
 * <pre>{@code
 * ./keras4j run conv-autoencoder --data ../shared/data
 * }</pre>
 */
public final class ConvAutoencoderExercise implements Exercise {
    public static final int TRAIN_IMAGES = 10_000;
    public static final int TEST_IMAGES = 2000;
    public static final int EPOCHS = 5;
    public static final double LEARNING_RATE = 0.005;
    public static final int CODE_SIZE = 7 * 7 * 2;
    /**
     * The bounds the exercise checks: the convolutional autoencoder's test error at most this times
     * PCA's (measured 1.72: 0.0132 against 0.0077; the mean training loss of its first epoch was
     * 4.9 times PCA's error, so the bound fails an autoencoder that stopped learning early and
     * leaves room for seeds and thread timing) ...
     */
    public static final double MAX_PCA_RATIO = 2.5;
    /** ... and at most this fraction of the mean image's error (measured 0.154: 0.0132 against 0.0860). */
    public static final double MAX_MEAN_IMAGE_FRACTION = 0.25;

    @Override
    public String name() {
        return "conv-autoencoder";
    }

    @Override
    public String title() {
        return "Convolutional autoencoder vs PCA of the same code size on Fashion-MNIST (full data)";
    }

    /**
     * Test errors (mean squared error per pixel) and reconstructions of the first test images.
     *
     * @param autoencoderReconstructions {@code [shown, 784]}
     * @param pcaReconstructions {@code [shown, 784]}
     */
    public record Result(int codeSize, double autoencoderError, double pcaError, double meanImageError,
                         double trainSeconds, INDArray inputs, INDArray autoencoderReconstructions,
                         INDArray pcaReconstructions) {
        public double ratio() {
            return autoencoderError / pcaError;
        }

        /** Whether both bounds of the exercise hold. */
        public boolean passed() {
            return ratio() <= MAX_PCA_RATIO && autoencoderError <= MAX_MEAN_IMAGE_FRACTION * meanImageError;
        }
    }

    /**
     * Trains the convolutional autoencoder and fits PCA on the first {@code trainImages} of
     * {@code data}'s training images, scores both on its first {@value #TEST_IMAGES} test images.
     *
     * @param ctx for progress output, or null for none
     */
    public static Result compare(TrainTest<FashionVectors> data, int trainImages, int epochs, ExerciseContext ctx) {
        INDArray train = data.train().first(trainImages).x();
        INDArray test = data.test().first(TEST_IMAGES).x();
        long n = train.size(0);
        long m = test.size(0);

        Keras.setRandomSeed(0);
        Autoencoder ae = Autoencoder.conv(28, 28, 1, 16, 2).withOutputActivation("sigmoid")
                .compile(new Adam(LEARNING_RATE), "mse");
        long t0 = System.nanoTime();
        ae.fit(train.reshape('c', n, 28, 28, 1), FitOptions.defaults().epochs(epochs).batchSize(64)
                .verbose(ctx == null ? 0 : 2));
        double seconds = (System.nanoTime() - t0) / 1e9;
        INDArray aeOut = ae.reconstruct(test.reshape('c', m, 28, 28, 1)).reshape('c', m, FashionVectors.PIXELS);
        int codeSize = (int) ae.codeShape().size();

        // PCA of the same size, on the same images, centred by their mean (added back to reconstruct)
        INDArray mean = train.mean(0);
        PCA pca = new PCA(codeSize).fit(train.subRowVector(mean));
        INDArray pcaOut = pca.inverseTransform(pca.transform(test.subRowVector(mean))).addRowVector(mean);

        INDArray meanImage = test.mul(0).addRowVector(mean);
        int shown = (int) Math.min(12, m);
        return new Result(codeSize, mse(test, aeOut), mse(test, pcaOut), mse(test, meanImage), seconds,
                rows(test, shown), rows(aeOut, shown), rows(pcaOut, shown));
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Result r = compare(FashionVectors.load(ctx), TRAIN_IMAGES, EPOCHS, ctx);
        ctx.out().printf(Locale.ROOT, "mean squared error per pixel on %d test images, code size %d:%n"
                        + "  convolutional autoencoder  %.5f (trained in %.1f s)%n  PCA, %d components  %.5f%n"
                        + "  the mean training image  %.5f%n", TEST_IMAGES, r.codeSize(), r.autoencoderError(),
                r.trainSeconds(), r.codeSize(), r.pcaError(), r.meanImageError());
        Path png = Pictures.imageGrid(List.of("input", "conv autoencoder", "PCA, " + r.codeSize() + " components"),
                List.of(r.inputs(), r.autoencoderReconstructions(), r.pcaReconstructions()), 28, 28, 12,
                OutputFiles.path("conv-autoencoder.png"));
        ctx.out().println("grid: " + png.toAbsolutePath());
        return ExerciseResult.of("conv AE / PCA error", r.ratio(),
                        String.format(Locale.ROOT, "%.4f / %.4f", r.autoencoderError(), r.pcaError()))
                .withDetails(String.format(Locale.ROOT, "code size %d; mean image %.4f; %.1f s of training",
                        r.codeSize(), r.meanImageError(), r.trainSeconds()))
                .withPassed(r.passed());
    }

    private static double mse(INDArray a, INDArray b) {
        return Autoencoder.meanSquaredError(a, b).meanNumber().doubleValue();
    }

    private static INDArray rows(INDArray a, int n) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    }
}
