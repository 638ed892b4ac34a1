package org.keras4j.examples.unsupervised;

import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.models.RBM;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RBM features of Fashion-MNIST feeding a logistic regression, as scikit-learn's "RBM features
 * for digit classification": a Bernoulli RBM of {@value #HIDDEN} hidden units (pixels in [0, 1]
 * as probabilities; CD-1, SGD 0.1 with momentum 0.9, batch 64) learns without labels for
 * {@value #RBM_EPOCHS} epochs, then a softmax regression (Dense 10, Adam 0.003, {@value #LOGISTIC_EPOCHS}
 * epochs) is trained on the hidden probabilities; test accuracy reported.
 *
 * <pre>{@code
 * ./keras4j run rbm-features --data ../shared/data
 * }</pre>
 */
public final class RbmFeaturesExercise implements Exercise {
    public static final int HIDDEN = 256;
    public static final int RBM_EPOCHS = 3;
    public static final int LOGISTIC_EPOCHS = 10;

    @Override
    public String name() {
        return "rbm-features";
    }

    @Override
    public String title() {
        return "RBM features of Fashion-MNIST + logistic regression (full data)";
    }

    /**
     * Trains the RBM on the first {@code trainImages} training images and the logistic regression
     * on their features; returns the test accuracy.
     */
    public static double testAccuracy(TrainTest<ImageData> data, int trainImages, int rbmEpochs, ExerciseContext ctx) {
        Keras.setRandomSeed(0);
        int verbose = ctx == null ? 0 : 2;
        INDArray x = flat(data.train().x(), trainImages);
        INDArray y = data.train().y().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, x.size(0)));
        RBM rbm = RBM.builder(784, HIDDEN).build();
        rbm.compile(new SGD(0.1, 0.9), "mse");
        rbm.fit(x, FitOptions.defaults().epochs(rbmEpochs).batchSize(64).verbose(verbose));

        Sequential logistic = new Sequential(new Input(HIDDEN), new Dense(10, "softmax"));
        logistic.compile(new Adam(0.003), "sparse_categorical_crossentropy", "accuracy");
        logistic.fit(rbm.transform(x), y, FitOptions.defaults().epochs(LOGISTIC_EPOCHS).batchSize(32).verbose(verbose));
        INDArray testX = flat(data.test().x(), (int) data.test().x().size(0));
        return logistic.evaluate(rbm.transform(testX), data.test().y()).get("accuracy");
    }

    /** Images {@code [n, 28, 28, 1]} as rows of 784 pixels in [0, 1]. */
    static INDArray flat(INDArray images, int n) {
        long count = Math.min(n, images.size(0));
        return images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count)).reshape(count, 784);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TrainTest<ImageData> data = ctx.dataDir().map(FashionMnist::load).orElseGet(FashionMnist::load);
        double acc = testAccuracy(data, 60_000, RBM_EPOCHS, ctx);
        return ExerciseResult.of("test accuracy", acc).withPassed(acc >= 0.80);
    }
}
