package org.keras4j.datasets;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded, shuffled train/test splits, as scikit-learn's {@code train_test_split(x, y, test_size, random_state)}.
 *
 * <p>The test part gets {@code ceil(testSize * n)} rows and the training part the rest, as in scikit-learn. The rows
 * are shuffled with {@link java.util.Random} seeded with {@code seed}, whose sequence the JDK specifies, so a seed gives
 * the same split on every machine and JVM (not the same rows as NumPy's generator, though).
 *
 * <pre>{@code
 * TrainTest<TabularData> split = Split.trainTest(Concrete.load(), 0.3, 42);   // 721 train, 309 test rows
 * }</pre>
 */
public final class Split {

    private Split() {
    }

    /**
     * Splits regression data into shuffled train and test parts.
     *
     * @param data     the rows to split
     * @param testSize the fraction of rows for the test part, in {@code (0, 1)}
     * @param seed     the shuffle seed
     * @throws IllegalArgumentException if {@code testSize} is outside {@code (0, 1)} or leaves a part empty
     */
    public static TrainTest<TabularData> trainTest(TabularData data, double testSize, long seed) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        TrainTest<int[]> idx = indices(data.numRows(), testSize, seed);
        return new TrainTest<>(data.rows(idx.train()), data.rows(idx.test()));
    }

    /**
     * Splits classification data into shuffled train and test parts; both keep every label name, even a class that
     * has no row in one part.
     *
     * @param data     the rows to split
     * @param testSize the fraction of rows for the test part, in {@code (0, 1)}
     * @param seed     the shuffle seed
     * @throws IllegalArgumentException if {@code testSize} is outside {@code (0, 1)} or leaves a part empty
     */
    public static TrainTest<ClassificationData> trainTest(ClassificationData data, double testSize, long seed) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        TrainTest<int[]> idx = indices(data.numRows(), testSize, seed);
        return new TrainTest<>(data.rows(idx.train()), data.rows(idx.test()));
    }

    /**
     * The row indices of a shuffled split of {@code n} rows: {@code test} has {@code ceil(testSize * n)} indices,
     * {@code train} the others; together they are a permutation of {@code 0 .. n-1}.
     *
     * @param n        the number of rows, at least 2
     * @param testSize the fraction of rows for the test part, in {@code (0, 1)}
     * @param seed     the shuffle seed
     * @throws IllegalArgumentException if {@code testSize} is outside {@code (0, 1)} or leaves a part empty
     */
    public static TrainTest<int[]> indices(int n, double testSize, long seed) {
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("testSize must be in (0, 1), got " + testSize);
        }
        long nTest = (long) Math.ceil(testSize * n);
        if (nTest < 1 || nTest > n - 1) {
            throw new IllegalArgumentException("testSize " + testSize + " of " + n + " rows gives " + nTest
                    + " test and " + (n - nTest) + " training rows; both parts need at least one row");
        }
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        // Fisher-Yates, as NumPy's permutation: test = permutation[:nTest], train = permutation[nTest:]
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        return new TrainTest<>(Arrays.copyOfRange(permutation, (int) nTest, n),
                Arrays.copyOfRange(permutation, 0, (int) nTest));
    }

    static void checkIndices(int[] indices, int n) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("indices must name at least one row, got "
                    + Arrays.toString(indices));
        }
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("row index " + i + " is out of range [0, " + n + ")");
            }
        }
    }
}
