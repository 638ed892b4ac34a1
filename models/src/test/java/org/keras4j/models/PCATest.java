package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PCATest {
    private static final int N = 300;
    private static final int D = 5;

    /** Correlated data with well separated variances: x = z · A + 0.05 noise + an offset. */
    private static double[][] data(long seed) {
        Random r = new Random(seed);
        double[] scales = {3.0, 2.0, 1.0, 0.5, 0.25};
        double[][] a = new double[D][D];
        for (double[] row : a) {
            for (int j = 0; j < D; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] x = new double[N][D];
        for (int i = 0; i < N; i++) {
            double[] z = new double[D];
            for (int k = 0; k < D; k++) {
                z[k] = scales[k] * r.nextGaussian();
            }
            for (int j = 0; j < D; j++) {
                double v = 10 + j;
                for (int k = 0; k < D; k++) {
                    v += z[k] * a[k][j];
                }
                x[i][j] = v + 0.05 * r.nextGaussian();
            }
        }
        return x;
    }

    /** The sample covariance, by hand. */
    private static double[][] covariance(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);
                }
            }
        }
        return c;
    }

    /**
     * Jacobi eigen-decomposition of a symmetric matrix, independent of LAPACK
     * ({@link HandLinearAlgebra#symmetricEigen}): returns the eigenvalues (descending) and fills
     * {@code vectors} with the eigenvectors as rows.
     */
    private static double[] jacobi(double[][] sym, double[][] vectors) {
        HandLinearAlgebra.Eigen eigen = HandLinearAlgebra.symmetricEigen(sym);
        for (int r = 0; r < sym.length; r++) {
            for (int k = 0; k < sym.length; k++) {
                vectors[r][k] = eigen.vectors()[k][r];
            }
        }
        return eigen.values();
    }

    @Test
    void fit_matchesEigenDecompositionOfTheCovariance() {
        double[][] x = data(1);
        double[][] vectors = new double[D][D];
        double[] eigenvalues = jacobi(covariance(x), vectors);
        PCA pca = new PCA(3).fit(Nd4j.createFromArray(x));

        double[] variance = pca.explainedVariance();
        double total = java.util.Arrays.stream(eigenvalues).sum();
        INDArray components = pca.components();
        assertEquals(3, pca.nComponents());
        for (int k = 0; k < 3; k++) {
            assertEquals(eigenvalues[k], variance[k], 1e-9 * eigenvalues[0], "variance of component " + k);
            assertEquals(eigenvalues[k] / total, pca.explainedVarianceRatio()[k], 1e-10, "ratio of component " + k);
            // same axis up to sign; the sign is scikit-learn's: the largest-magnitude entry is positive
            double dot = 0;
            int largest = 0;
            for (int j = 0; j < D; j++) {
                dot += vectors[k][j] * components.getDouble(k, j);
                if (Math.abs(vectors[k][j]) > Math.abs(vectors[k][largest])) {
                    largest = j;
                }
            }
            assertEquals(1.0, Math.abs(dot), 1e-9, "axis " + k);
            assertTrue(components.getDouble(k, largest) > 0, "sign of axis " + k);
        }
    }

    @Test
    void transform_projectsTheCentredDataOnTheAxes() {
        double[][] x = data(2);
        INDArray xs = Nd4j.createFromArray(x);
        PCA pca = new PCA(2).fit(xs);
        INDArray z = pca.transform(xs);
        INDArray mean = pca.mean();
        INDArray comp = pca.components();
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 2; k++) {
                double expected = 0;
                for (int j = 0; j < D; j++) {
                    expected += (x[i][j] - mean.getDouble(j)) * comp.getDouble(k, j);
                }
                assertEquals(expected, z.getDouble(i, k), 1e-9);
            }
        }
        // the codes are uncorrelated with the eigenvalues as variances
        double[][] cov = covariance(z.toDoubleMatrix());
        assertEquals(pca.explainedVariance()[0], cov[0][0], 1e-8);
        assertEquals(0.0, cov[0][1], 1e-8);
    }

    @Test
    void inverseTransform_withEveryComponent_recoversTheData() {
        INDArray x = Nd4j.createFromArray(data(3));
        PCA pca = new PCA().fit(x);
        assertEquals(D, pca.nComponents());
        assertEquals(1.0, java.util.Arrays.stream(pca.explainedVarianceRatio()).sum(), 1e-12);
        INDArray back = pca.inverseTransform(pca.transform(x));
        assertTrue(back.equalsWithEps(x, 1e-9));
    }

    @Test
    void inverseTransform_withFewerComponents_losesExactlyTheDroppedVariance() {
        INDArray x = Nd4j.createFromArray(data(4));
        PCA pca = new PCA(2).fit(x);
        INDArray back = pca.inverseTransform(pca.transform(x));
        double sse = x.sub(back).norm2Number().doubleValue();
        double[] all = new PCA().fit(x).explainedVariance();
        double dropped = (all[2] + all[3] + all[4]) * (N - 1);
        assertEquals(dropped, sse * sse, 1e-8 * dropped);
    }

    @Test
    void whiten_givesUnitVarianceCodes_andInvertsBack() {
        INDArray x = Nd4j.createFromArray(data(5));
        PCA pca = new PCA(3, true).fit(x);
        INDArray z = pca.transform(x);
        double[][] cov = covariance(z.toDoubleMatrix());
        for (int k = 0; k < 3; k++) {
            assertEquals(1.0, cov[k][k], 1e-9);
        }
        PCA plain = new PCA(3).fit(x);
        assertTrue(pca.inverseTransform(z).equalsWithEps(plain.inverseTransform(plain.transform(x)), 1e-9));
    }

    @Test
    void transform_keepsTheInputDataType() {
        INDArray x = Nd4j.createFromArray(data(6)).castTo(DataType.FLOAT);
        PCA pca = new PCA(2).fit(x);
        assertEquals(DataType.FLOAT, pca.transform(x).dataType());
        assertEquals(DataType.FLOAT, pca.inverseTransform(pca.transform(x)).dataType());
    }

    @Test
    void ofVarianceRatio_keepsTheFewestComponentsAboveTheFraction() {
        INDArray x = Nd4j.createFromArray(data(7));
        double[] ratio = new PCA().fit(x).explainedVarianceRatio();
        double target = (ratio[0] + ratio[1] + ratio[2] / 2);
        PCA pca = PCA.ofVarianceRatio(target, false).fit(x);
        assertEquals(3, pca.nComponents());
        assertArrayEquals(java.util.Arrays.copyOf(ratio, 3), pca.explainedVarianceRatio(), 1e-12);
    }

    @Test
    void fit_isDeterministic_forWideData() {
        // more features than samples: min(n, d) components
        Random r = new Random(8);
        double[][] x = new double[4][7];
        for (double[] row : x) {
            for (int j = 0; j < 7; j++) {
                row[j] = r.nextGaussian();
            }
        }
        PCA a = new PCA().fit(Nd4j.createFromArray(x));
        PCA b = new PCA().fit(Nd4j.createFromArray(x));
        assertEquals(4, a.nComponents());
        assertTrue(a.components().equalsWithEps(b.components(), 0));
        INDArray back = a.inverseTransform(a.transform(Nd4j.createFromArray(x)));
        assertTrue(back.equalsWithEps(Nd4j.createFromArray(x), 1e-9));
    }

    @Test
    void errors_nameTheArgument() {
        PCA pca = new PCA(2);
        IllegalStateException notFitted = assertThrows(IllegalStateException.class,
                () -> pca.transform(Nd4j.ones(3, 5)));
        assertTrue(notFitted.getMessage().contains("fit()"));
        assertThrows(IllegalArgumentException.class, () -> new PCA(0));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new PCA(6).fit(Nd4j.createFromArray(data(9))));
        assertTrue(tooMany.getMessage().contains("nComponents"), tooMany.getMessage());
        pca.fit(Nd4j.createFromArray(data(10)));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> pca.transform(Nd4j.ones(3, 4)));
        assertTrue(width.getMessage().contains("5 features"), width.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pca.inverseTransform(Nd4j.ones(3, 3)));
        INDArray nan = Nd4j.createFromArray(data(11));
        nan.putScalar(0, 0, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> new PCA(2).fit(nan));
    }
}
