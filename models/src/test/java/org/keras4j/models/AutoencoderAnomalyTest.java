package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Threshold selection and ROC AUC of {@link AnomalyDetector}, against hand computations. */
class AutoencoderAnomalyTest {

    @Test
    void percentileIsNumpysLinearInterpolation() {
        double[] v = {10, 1, 4, 2, 3};
        // sorted 1 2 3 4 10; h = p/100 * 4
        assertEquals(1, AnomalyDetector.percentile(v, 0), 0);
        assertEquals(10, AnomalyDetector.percentile(v, 100), 0);
        assertEquals(3, AnomalyDetector.percentile(v, 50), 0);
        assertEquals(4 + 0.6 * (10 - 4), AnomalyDetector.percentile(v, 90), 1e-12); // h = 3.6
        assertEquals(1 + 0.2 * (2 - 1), AnomalyDetector.percentile(v, 5), 1e-12);   // h = 0.2
        assertEquals(7, AnomalyDetector.percentile(new double[] {7}, 95), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.percentile(v, 101));
        assertTrue(e.getMessage().contains("percentile") && e.getMessage().contains("101"), e.getMessage());
    }

    @Test
    void rocAucCountsPairsTiesAsOneHalf() {
        // positives 0.35 and 0.8 against negatives 0.1 and 0.4: wins 0.35>0.1, 0.8>0.1, 0.8>0.4 -> 3 / 4
        assertEquals(0.75, AnomalyDetector.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true}), 1e-12);
        // positives 0.5 and 0.9, negatives 0.5 and 0.2: 0.5=0.5 (1/2), 0.5>0.2, 0.9>0.5, 0.9>0.2 -> 3.5 / 4
        assertEquals(0.875, AnomalyDetector.rocAuc(new double[] {0.5, 0.5, 0.2, 0.9},
                new boolean[] {true, false, false, true}), 1e-12);
        assertEquals(0.0, AnomalyDetector.rocAuc(new double[] {3, 2, 1}, new boolean[] {false, true, true}), 0);
        assertEquals(0.5, AnomalyDetector.rocAuc(new double[] {1, 1, 1, 1}, new boolean[] {false, true, true, false}), 0);
        assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.rocAuc(new double[] {1, 2},
                new boolean[] {true, true}));
    }

    @Test
    void rocAucAgreesWithTheBruteForcePairCountOnRandomScoresWithTies() {
        Random r = new Random(4);
        double[] s = new double[300];
        boolean[] p = new boolean[300];
        for (int i = 0; i < s.length; i++) {
            p[i] = r.nextDouble() < 0.3;
            s[i] = Math.round((r.nextGaussian() + (p[i] ? 1 : 0)) * 4) / 4.0; // coarse values: many ties
        }
        assertEquals(bruteForceAuc(s, p), AnomalyDetector.rocAuc(s, p), 1e-12);
    }

    private static double bruteForceAuc(double[] s, boolean[] p) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (p[i] && !p[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    /** A detector over a hand-made score (the first feature): threshold, flags and rates by hand. */
    @Test
    void theThresholdIsThePercentileOfTheValidationScores() {
        INDArray validation = Nd4j.createFromArray(new double[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {10, 0}});
        AnomalyDetector detector = AnomalyDetector.fit(x -> x.getColumn(0), validation, 75); // h = 3 -> 4
        assertEquals(4, detector.threshold(), 1e-12);
        INDArray test = Nd4j.createFromArray(new double[][] {{3.9, 0}, {4, 0}, {4.1, 0}, {20, 0}});
        assertArrayEquals(new boolean[] {false, false, true, true}, detector.isAnomaly(test));
        INDArray normal = Nd4j.createFromArray(new double[][] {{1, 0}, {5, 0}});
        INDArray anomalous = Nd4j.createFromArray(new double[][] {{4.5, 0}, {6, 0}, {0.5, 0}});
        AnomalyDetector.Evaluation ev = detector.evaluate(normal, anomalous);
        assertEquals(2.0 / 3, ev.detectionRate(), 1e-12, "4.5 and 6 above 4");
        assertEquals(0.5, ev.falsePositiveRate(), 1e-12, "5 above 4");
        // pairs (anomalous, normal): 4.5>1, 4.5<5, 6>1, 6>5, 0.5<1, 0.5<5 -> 3 / 6
        assertEquals(0.5, ev.rocAuc(), 1e-12);
    }

    /**
     * An autoencoder trained on a cluster near a line in R^6 reconstructs it well; points off the
     * line are flagged: the detector's AUC equals the pair count on its own errors, and is near 1.
     */
    @Test
    void anAutoencoderTrainedOnNormalDataFlagsPointsOffItsManifold() {
        Random r = new Random(8);
        int d = 6;
        double[] dir = {1, 2, -1, 0.5, 0, 1};
        INDArray normalTrain = line(r, 400, dir, 0.05);
        INDArray normalVal = line(r, 200, dir, 0.05);
        INDArray normalTest = line(r, 100, dir, 0.05);
        INDArray anomalies = line(r, 100, dir, 0.05).addi(Nd4j.randn(DataType.FLOAT, 100, d).muli(0.7));
        Keras.setRandomSeed(2);
        Autoencoder ae = Autoencoder.deep(d, 8, 1).withActivation("tanh").compile(new Adam(0.01), "mse");
        ae.fit(normalTrain, FitOptions.defaults().epochs(40).batchSize(32).verbose(0));
        AnomalyDetector detector = AnomalyDetector.fit(ae, normalVal, 95);
        assertEquals(AnomalyDetector.percentile(ae.reconstructionError(normalVal).toDoubleVector(), 95),
                detector.threshold(), 1e-12);
        double[] en = ae.reconstructionError(normalTest).toDoubleVector();
        double[] ea = ae.reconstructionError(anomalies).toDoubleVector();
        double[] all = new double[200];
        boolean[] positive = new boolean[200];
        System.arraycopy(en, 0, all, 0, 100);
        System.arraycopy(ea, 0, all, 100, 100);
        java.util.Arrays.fill(positive, 100, 200, true);
        AnomalyDetector.Evaluation ev = detector.evaluate(normalTest, anomalies);
        System.out.println("toy anomaly detection: " + ev);
        assertEquals(bruteForceAuc(all, positive), ev.rocAuc(), 1e-12);
        assertTrue(ev.rocAuc() > 0.95, ev.toString());
        assertTrue(ev.falsePositiveRate() < 0.2, "about 5 % of normal samples above the 95th percentile: " + ev);
    }

    private static INDArray line(Random r, int n, double[] dir, double noise) {
        double[][] x = new double[n][dir.length];
        for (int i = 0; i < n; i++) {
            double t = r.nextGaussian();
            for (int j = 0; j < dir.length; j++) {
                x[i][j] = t * dir[j] + noise * r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    }
}
