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
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Deep and denoising autoencoders on Fashion-MNIST: the same 784-256-64-256-784 network (relu,
 * sigmoid output, mse, Adam) trained once on clean images and once with a {@code GaussianNoise}
 * input layer (stddev {@value #NOISE}, active in training only, clean target). Both then
 * reconstruct noisy test images; the denoising one should come closer to the clean images. A grid
 * shows inputs, noisy inputs and both reconstructions.
 *
 * <pre>{@code
 * ./keras4j run autoencoder-denoising --data ../shared/data
 * }</pre>
 */
public final class DeepDenoisingAutoencoderExercise implements Exercise {
    public static final double NOISE = 0.4;
    public static final int TRAIN_IMAGES = 20_000;
    public static final int EPOCHS = 8;

    @Override
    public String name() {
        return "autoencoder-denoising";
    }

    @Override
    public String title() {
        return "Deep and denoising autoencoders on Fashion-MNIST, reconstructions of noisy images (full data)";
    }

    /** Mean squared error per pixel against the clean test images: of the noisy inputs and of each reconstruction. */
    public record Result(double noisyError, double deepError, double denoisingError, double deepCleanError,
                         double trainSeconds) {
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<FashionVectors> data = FashionVectors.load(ctx);
        INDArray train = data.train().first(TRAIN_IMAGES).x();
        INDArray test = data.test().first(2000).x();
        // the noise the GaussianNoise layer trains with (zero-mean, not clipped; the grid shows it clipped to [0, 1])
        INDArray noisy = Autoencoder.addNoise(test, NOISE, 7);

        long t0 = System.nanoTime();
        Keras.setRandomSeed(0);
        Autoencoder deep = Autoencoder.deep(FashionVectors.PIXELS, 256, 64).withOutputActivation("sigmoid")
                .compile(new Adam(1e-3), "mse");
        deep.fit(train, FitOptions.defaults().epochs(EPOCHS).batchSize(128).verbose(2));
        Keras.setRandomSeed(0);
        Autoencoder denoising = Autoencoder.deep(FashionVectors.PIXELS, 256, 64).withOutputActivation("sigmoid")
                .denoising(NOISE).compile(new Adam(1e-3), "mse");
        denoising.fit(train, FitOptions.defaults().epochs(EPOCHS).batchSize(128).verbose(2));
        double seconds = (System.nanoTime() - t0) / 1e9;

        INDArray deepOfNoisy = deep.reconstruct(noisy);
        INDArray denoisedOfNoisy = denoising.reconstruct(noisy);
        Result r = new Result(mse(noisy, test), mse(deepOfNoisy, test), mse(denoisedOfNoisy, test),
                mse(deep.reconstruct(test), test), seconds);
        ctx.out().printf(Locale.ROOT, "mean squared error per pixel against the clean test images:%n"
                        + "  noisy input (stddev %.1f)  %.5f%n  deep autoencoder of the noisy input  %.5f%n"
                        + "  denoising autoencoder of the noisy input  %.5f%n  (deep autoencoder of the clean input  %.5f)%n"
                        + "both trained in %.1f s%n", NOISE, r.noisyError(), r.deepError(), r.denoisingError(),
                r.deepCleanError(), seconds);
        Path png = Pictures.imageGrid(List.of("input", "noisy input", "deep AE (clean in)", "deep AE (noisy in)",
                        "denoising AE (noisy in)"),
                List.of(test, noisy, deep.reconstruct(test), deepOfNoisy, denoisedOfNoisy), 28, 28, 12,
                OutputFiles.path("autoencoder-denoising.png"));
        ctx.out().println("grid: " + png.toAbsolutePath());
        return ExerciseResult.of("denoised / noisy-input error", r.denoisingError() / r.noisyError(),
                        String.format(Locale.ROOT, "%.4f / %.4f", r.denoisingError(), r.noisyError()))
                .withDetails(String.format(Locale.ROOT, "deep AE of the noisy input %.4f", r.deepError()))
                .withPassed(r.denoisingError() < r.deepError() && r.denoisingError() < 0.5 * r.noisyError());
    }

    private static double mse(INDArray a, INDArray b) {
        return Autoencoder.meanSquaredError(a, b).meanNumber().doubleValue();
    }
}
