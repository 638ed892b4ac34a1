package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.unsupervised.AnomalyDetectionExercise;
import org.keras4j.examples.unsupervised.FashionVectors;
import org.keras4j.examples.unsupervised.LinearAutoencoderVsPcaExercise;

/**
 * The autoencoder exercises on the full Fashion-MNIST files, from fixed seeds: the anomaly
 * detector (trained on footwear, flagging the other seven classes) and the linear autoencoder
 * against PCA for code sizes 2, 16 and 32. Each trains for a fixed number of epochs, about half a
 * minute of training per test on 2 cores.
 */
class UnsupervisedAcceptanceTest {
    private static TrainTest<FashionVectors> fashion;

    @BeforeAll
    static void load() {
        fashion = FashionVectors.load(AcceptanceData.context());
    }

    @Test
    void anomalyDetector_rocAucAtLeast090() {
        AnomalyDetectionExercise.Result r = AnomalyDetectionExercise.detect(fashion, AnomalyDetectionExercise.EPOCHS, null);
        System.out.printf("anomaly detection: %s; trained in %.1f s%n", r.evaluation(), r.trainSeconds());
        assertTrue(r.evaluation().rocAuc() >= AnomalyDetectionExercise.MIN_AUC, r.evaluation().toString());
        // the threshold is the 95th percentile of normal validation errors: about 5 % of normal test images flagged
        assertTrue(r.evaluation().falsePositiveRate() < 0.10, r.evaluation().toString());
    }

    @Test
    void linearAutoencoder_within5PercentOfPca() {
        List<LinearAutoencoderVsPcaExercise.Row> rows = LinearAutoencoderVsPcaExercise.compare(
                fashion.train().first(LinearAutoencoderVsPcaExercise.TRAIN_IMAGES),
                fashion.test().first(LinearAutoencoderVsPcaExercise.TEST_IMAGES),
                LinearAutoencoderVsPcaExercise.CODE_SIZES, LinearAutoencoderVsPcaExercise.EPOCHS, null);
        double seconds = 0;
        for (LinearAutoencoderVsPcaExercise.Row r : rows) {
            System.out.printf("k = %d: PCA %.5f, linear AE %.5f, ratio %.4f, trained in %.1f s%n", r.codeSize(),
                    r.pcaError(), r.autoencoderError(), r.ratio(), r.trainSeconds());
            seconds += r.trainSeconds();
            assertTrue(r.ratio() <= LinearAutoencoderVsPcaExercise.BOUND, "k = " + r.codeSize() + ": AE "
                    + r.autoencoderError() + " vs PCA " + r.pcaError());
            // PCA is the best linear reconstruction of the training images; on test images it stays within noise of it
            assertTrue(r.ratio() >= 0.99, "k = " + r.codeSize() + ": AE " + r.autoencoderError() + " vs PCA "
                    + r.pcaError());
        }
        System.out.printf("linear autoencoders trained in %.1f s in all%n", seconds);
    }
}
