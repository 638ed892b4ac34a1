package org.keras4j.examples.training;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small seeded datasets for the training lessons, generated in memory so the exercises run
 * offline in seconds.
 *
 * <pre>{@code
 * SyntheticData.Split sine = SyntheticData.noisySine(40, 200, 0.25, 1);   // few noisy points: easy to over-fit
 * SyntheticData.Split circles = SyntheticData.circles(400, 200, 2);      // two rings, labels 0/1
 * }</pre>
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * Training and validation arrays.
     *
     * <pre>{@code
     * model.fit(s.x(), s.y(), FitOptions.defaults().epochs(10).validationData(s.xVal(), s.yVal()));
     * }</pre>
     */
    public record Split(INDArray x, INDArray y, INDArray xVal, INDArray yVal) {
    }

    /**
     * {@code y = sin(3x) + noise}, x uniform in [-1, 1], shapes {@code [n, 1]}; the validation
     * targets carry the same noise level.
     */
    public static Split noisySine(int train, int validation, double noise, long seed) {
        Random r = new Random(seed);
        INDArray x = sineX(train, r);
        INDArray y = sineY(x, noise, r);
        INDArray xVal = sineX(validation, r);
        return new Split(x, y, xVal, sineY(xVal, noise, r));
    }

    private static INDArray sineX(int n, Random r) {
        float[][] x = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (2 * r.nextDouble() - 1);
        }
        return Nd4j.createFromArray(x);
    }

    private static INDArray sineY(INDArray x, double noise, Random r) {
        float[][] y = new float[(int) x.size(0)][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = (float) (Math.sin(3 * x.getDouble(i, 0)) + noise * r.nextGaussian());
        }
        return Nd4j.createFromArray(y);
    }

    /**
     * Two concentric rings in the plane (radius about 0.5 for class 0, 1.0 for class 1), labels
     * {@code [n, 1]} in {0, 1}: a linear model cannot separate them, two or more hidden units can.
     */
    public static Split circles(int train, int validation, long seed) {
        Random r = new Random(seed);
        INDArray[] t = rings(train, r);
        INDArray[] v = rings(validation, r);
        return new Split(t[0], t[1], v[0], v[1]);
    }

    private static INDArray[] rings(int n, Random r) {
        float[][] x = new float[n][2];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double radius = (label == 0 ? 0.5 : 1.0) + 0.1 * r.nextGaussian();
            double angle = 2 * Math.PI * r.nextDouble();
            x[i][0] = (float) (radius * Math.cos(angle));
            x[i][1] = (float) (radius * Math.sin(angle));
            y[i][0] = label;
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }
}
