package org.keras4j.utils;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shuffled train / test splits of paired arrays, as scikit-learn's {@code train_test_split}
 * that the course uses before {@code fit}.
 *
 * <pre>{@code
 * Splits.TrainTestSplit s = Splits.trainTestSplit(x, y, 0.2, 42);
 * model.fit(s.xTrain(), s.yTrain(), 10);
 * model.evaluate(s.xTest(), s.yTest());
 * }</pre>
 */
public final class Splits {
    private Splits() {
    }

    /** The four arrays of a split; rows of {@code xTrain} and {@code yTrain} (and of the tests) correspond. */
    public record TrainTestSplit(INDArray xTrain, INDArray xTest, INDArray yTrain, INDArray yTest) {
    }

    /**
     * Shuffles the rows (axis 0) of {@code x} and {@code y} with one permutation drawn from
     * {@code seed}, then puts the first {@code ceil(testSize * n)} in the test set and the rest in
     * the training set. Arrays may have any rank >= 1; the inputs are not modified.
     *
     * @param testSize the fraction of rows for the test set, in (0, 1)
     * @param seed the same seed always gives the same split
     * @throws IllegalArgumentException if an array is null or a scalar, the row counts differ,
     *     {@code testSize} is outside (0, 1), or either set would be empty
     */
    public static TrainTestSplit trainTestSplit(INDArray x, INDArray y, double testSize, long seed) {
        checkRows("x", x);
        checkRows("y", y);
        long n = x.size(0);
        if (y.size(0) != n) {
            throw new IllegalArgumentException("trainTestSplit x and y must have the same number of rows (samples),"
                    + " got x " + Arrays.toString(x.shape()) + " and y " + Arrays.toString(y.shape()));
        }
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("trainTestSplit testSize must be a fraction in (0, 1), got " + testSize);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trainTestSplit supports at most " + Integer.MAX_VALUE + " rows, got " + n);
        }
        // decimal arithmetic so that 0.3 of 10 rows is 3, not ceil(3.0000000000000004) = 4
        long nTest = BigDecimal.valueOf(testSize).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        if (nTest >= n) {
            throw new IllegalArgumentException("trainTestSplit testSize=" + testSize + " of " + n
                    + " rows leaves no training rows; use a smaller testSize or more data");
        }
        int[] order = permutation((int) n, seed);
        int[] test = Arrays.copyOfRange(order, 0, (int) nTest);
        int[] train = Arrays.copyOfRange(order, (int) nTest, (int) n);
        return new TrainTestSplit(rows(x, train), rows(x, test), rows(y, train), rows(y, test));
    }

    private static void checkRows(String name, INDArray a) {
        if (a == null || a.rank() < 1 || a.isEmpty()) {
            throw new IllegalArgumentException("trainTestSplit " + name + " must be an array with samples on axis 0, got "
                    + (a == null ? "null" : "shape " + Arrays.toString(a.shape())));
        }
    }

    /** Fisher-Yates shuffle of 0..n-1. */
    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The given rows of {@code a}, in that order, as a new array of the same rank. */
    private static INDArray rows(INDArray a, int[] indices) {
        long n = a.size(0);
        long[] shape = a.shape().clone();
        INDArray matrix = a.dup('c').reshape('c', n, a.length() / n);
        INDArray picked = Nd4j.pullRows(matrix, 1, indices, 'c');
        shape[0] = indices.length;
        return picked.reshape('c', shape);
    }
}
