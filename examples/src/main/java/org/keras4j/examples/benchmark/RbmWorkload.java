package org.keras4j.examples.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.Callback;
import org.keras4j.datasets.DatasetLocator;
import org.keras4j.datasets.Idx;
import org.keras4j.datasets.IdxArray;
import org.keras4j.datasets.MissingDatasetException;
import org.keras4j.datasets.Mnist;
import org.keras4j.models.RBM;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * R1, keras4j's side: a Bernoulli RBM of {@value #HIDDEN} hidden units on binarized MNIST (a pixel
 * is on when its byte is above 127), trained the way scikit-learn's {@code BernoulliRBM} trains
 * (read from its {@code _fit}): persistent CD-1 with as many chains as the batch size, the negative
 * phase from sampled visible states and hidden probabilities, plain SGD of rate
 * {@value #LEARNING_RATE} on the batch-mean gradient ({@code learning_rate / batch} times the sums),
 * batch {@value #BATCH}, the data in file order (no shuffling), {@code W ~ N(0, 0.01²)} and zero
 * biases. The training set is cut to whole batches (MNIST's 60,000 images to 59,968): on a short
 * last batch scikit-learn divides the chains' statistics by the batch's size instead of the
 * chains' number (32 instead of 64 for 60,000 images), an over-weighted negative phase once per
 * epoch (on 10,000 images, a last batch of 16 weighted four times cost its model 55 nats of
 * pseudo-likelihood after 3 epochs here); keras4j averages each phase over its own samples. With whole batches the two updates are the same; they still differ
 * where it does not matter after the first steps: scikit-learn's chains start at zero,
 * keras4j's at a sample of the first batch's hidden units.
 *
 * <pre>{@code
 * RBM rbm = RBM.builder(784, 256).persistent(true).build();
 * rbm.compile(new SGD(0.05));
 * rbm.fit(x, FitOptions.defaults().epochs(10).batchSize(64).shuffle(false).verbose(0));
 * }</pre>
 *
 * <p>Measured: the time of each epoch (scikit-learn's side times the same loop its {@code fit}
 * runs, epoch by epoch), and after the last epoch the exact pseudo-likelihood
 * ({@link RBM#exactPseudoLikelihood}: every pixel flipped in turn, the expectation of
 * scikit-learn's one-random-pixel {@code score_samples}) averaged over the first test images,
 * the same formula on both sides ({@code benchmark/sklearn_bench.py}).
 */
final class RbmWorkload {
    private static final Logger LOG = LoggerFactory.getLogger(RbmWorkload.class);

    static final int VISIBLE = 28 * 28;
    static final int HIDDEN = 256;
    static final int BATCH = 64;
    static final double LEARNING_RATE = 0.05;
    /** MNIST's image files, as {@code Mnist.FILES} names them. */
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Bytes above this are "on": pixel / 255 > 0.5. */
    static final int THRESHOLD = 127;

    /**
     * The data both sides train on.
     *
     * @param train binarized training images {@code [n, 784]}
     * @param eval binarized test images {@code [m, 784]} for the pseudo-likelihood
     * @param trainImages the IDX file {@code train} comes from (given to scikit-learn's side)
     * @param testImages the IDX file {@code eval} comes from
     * @param synthetic whether the images are synthetic (files written for this run, to delete after it)
     * @param description where the data comes from, for the results
     */
    record Data(INDArray train, INDArray eval, Path trainImages, Path testImages, boolean synthetic,
                String description) {
    }

    private RbmWorkload() {
    }

    /**
     * MNIST's training and test images from {@code directory} (or keras4j's usual places, never
     * downloaded), else synthetic binary images of the same shape written to a temporary directory.
     */
    static Data load(Path directory, int samples, int eval, long seed) {
        return load(DatasetLocator.defaults().withDirectory(directory).withDownload(false), samples, eval, seed);
    }

    /** {@link #load(Path, int, int, long)} with the files looked up by {@code locator}. */
    static Data load(DatasetLocator locator, int samples, int eval, long seed) {
        Path trainFile;
        Path testFile;
        boolean synthetic = false;
        String description;
        try {
            Map<String, Path> files = locator.locate(Mnist.FILES);
            trainFile = files.get(TRAIN_IMAGES);
            testFile = files.get(TEST_IMAGES);
            description = "MNIST, binarized (byte > " + THRESHOLD + "), from " + trainFile.getParent();
        } catch (MissingDatasetException e) {
            LOG.warn("R1: MNIST not found ({}); using synthetic binary images of the same shape", e.getMessage());
            Path dir = syntheticFiles(samples, eval, seed);
            trainFile = dir.resolve("train-images-idx3-ubyte");
            testFile = dir.resolve("t10k-images-idx3-ubyte");
            synthetic = true;
            description = "synthetic binary 28x28 images (MNIST not found: pass --data DIR with MNIST's IDX files for "
                    + "the real comparison)";
        }
        INDArray train = wholeBatches(binarized(Idx.read(trainFile), samples, trainFile));
        INDArray test = binarized(Idx.read(testFile), eval, testFile);
        return new Data(train, test, trainFile, testFile, synthetic, description + "; " + train.size(0)
                + " training images, pseudo-likelihood on the first " + test.size(0) + " test images");
    }

    /** The first {@code n} images of an IDX file of unsigned bytes {@code [count, 28, 28]} as 0/1 rows. */
    static INDArray binarized(IdxArray images, int n, Path file) {
        int[] shape = images.shape();
        if (images.type() != IdxArray.Type.UNSIGNED_BYTE || shape.length != 3 || shape[1] * shape[2] != VISIBLE) {
            throw new IllegalArgumentException(file + ": R1 needs 28x28 unsigned-byte images, got " + images);
        }
        int rows = Math.min(n, shape[0]);
        byte[] bytes = images.bytes();
        float[] values = new float[rows * VISIBLE];
        for (int i = 0; i < values.length; i++) {
            values[i] = (bytes[i] & 0xff) > THRESHOLD ? 1f : 0f;
        }
        return Nd4j.create(values, new long[] {rows, VISIBLE}, DataType.FLOAT);
    }

    /** The rows of {@code x} in whole batches (all of them when there are fewer than a batch): see the class comment. */
    static INDArray wholeBatches(INDArray x) {
        long rows = x.size(0);
        return rows < BATCH || rows % BATCH == 0 ? x
                : x.get(NDArrayIndex.interval(0, rows - rows % BATCH), NDArrayIndex.all()).dup();
    }

    /**
     * Synthetic stand-ins written as IDX files: noisy copies (5 % of pixels flipped) of ten random
     * prototypes with 15 % of pixels on, about MNIST's share.
     */
    static Path syntheticFiles(int train, int test, long seed) {
        try {
            Path dir = Files.createTempDirectory("keras4j-r1-");
            Random r = new Random(seed);
            boolean[][] prototypes = new boolean[10][VISIBLE];
            for (boolean[] p : prototypes) {
                for (int j = 0; j < VISIBLE; j++) {
                    p[j] = r.nextDouble() < 0.15;
                }
            }
            for (int[] spec : new int[][] {{0, train}, {1, test}}) {
                byte[] bytes = new byte[spec[1] * VISIBLE];
                for (int i = 0; i < spec[1]; i++) {
                    boolean[] p = prototypes[r.nextInt(10)];
                    for (int j = 0; j < VISIBLE; j++) {
                        bytes[i * VISIBLE + j] = (byte) (p[j] ^ r.nextDouble() < 0.05 ? 255 : 0);
                    }
                }
                String name = spec[0] == 0 ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
                Idx.write(IdxArray.ofUnsignedBytes(bytes, spec[1], 28, 28), dir.resolve(name));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("R1: could not write synthetic images", e);
        }
    }

    /** Deletes the synthetic files of a run (nothing for real data). */
    static void deleteSynthetic(Path trainImages, Path testImages) {
        try {
            Files.deleteIfExists(trainImages);
            Files.deleteIfExists(testImages);
            Files.deleteIfExists(trainImages.getParent());
        } catch (IOException e) {
            LOG.warn("R1: could not delete the synthetic images in {}: {}", trainImages.getParent(), e.getMessage());
        }
    }

    /** The RBM R1 trains, compiled: scikit-learn's algorithm (see the class comment). */
    static RBM kerasRbm(long seed) {
        Keras.setRandomSeed(seed);
        RBM rbm = RBM.builder(VISIBLE, HIDDEN).persistent(true).cdSteps(1).build();
        rbm.compile(new SGD(LEARNING_RATE));
        return rbm;
    }

    /**
     * Trains {@code rbm} for {@code epochs} epochs in one {@code fit}, unshuffled, silent.
     *
     * @return the seconds of each epoch
     */
    static List<Double> train(RBM rbm, INDArray x, int epochs) {
        List<Double> seconds = new ArrayList<>();
        Callback timer = new Callback() {
            private long start;

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                start = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        };
        rbm.fit(x, FitOptions.defaults().epochs(epochs).batchSize(BATCH).shuffle(false).verbose(0).callbacks(timer));
        return seconds;
    }

    /** The mean exact pseudo-likelihood of {@code eval}. */
    static double pseudoLikelihood(RBM rbm, INDArray eval) {
        return rbm.exactPseudoLikelihood(eval).meanNumber().doubleValue();
    }

    /** R1 into {@code r}: keras4j's epoch times and pseudo-likelihood, and where the data is for scikit-learn. */
    static void run(UnsupervisedOptions o, long seed, Results r) {
        Data data = load(o.dataDirectory(), o.r1Samples, o.r1Eval, seed);
        RBM rbm = kerasRbm(seed);
        r.addAll(ResultsTable.KERAS4J, Metric.R1_TRAIN, train(rbm, data.train(), o.r1Epochs));
        r.add(ResultsTable.KERAS4J, Metric.R1_PL, pseudoLikelihood(rbm, data.eval()));
        r.info(ResultsTable.KERAS4J, "r1_data", data.description());
        r.info(ResultsTable.KERAS4J, "r1_train_images", data.trainImages().toString());
        r.info(ResultsTable.KERAS4J, "r1_test_images", data.testImages().toString());
        r.info(ResultsTable.KERAS4J, "r1_synthetic", String.valueOf(data.synthetic()));
        r.info(ResultsTable.KERAS4J, "r1_samples", String.valueOf(data.train().size(0)));
        r.info(ResultsTable.KERAS4J, "r1_eval", String.valueOf(data.eval().size(0)));
    }
}
