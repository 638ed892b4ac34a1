package org.keras4j.models;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Principal component analysis as scikit-learn's {@code PCA}: the data are centred (not
 * scaled: put a {@code StandardScaler} first for that), the principal axes are the right
 * singular vectors of the centred data (LAPACK's {@code gesvd} through ND4J), and each axis's
 * sign is fixed as scikit-learn's {@code svd_flip(u_based_decision=False)} fixes it (its
 * largest-magnitude coefficient is positive), so results are deterministic.
 *
 * <p>{@code explainedVariance = S² / (n - 1)}; the ratio divides by the total variance of all
 * components; with {@code whiten} the transformed components have unit variance.
 * Computation is in double precision; results come back in the input's data type.
 *
 * <pre>{@code
 * PCA pca = new PCA(2).fit(new StandardScaler().fit(x).transform(x));
 * INDArray codes = pca.transform(xScaled);            // [n, 2]
 * INDArray back = pca.inverseTransform(codes);        // [n, features], the projection onto the plane
 * double[] ratio = pca.explainedVarianceRatio();
 * }</pre>
 */
public final class PCA {
    private final Integer requestedComponents;
    private final double varianceToExplain;
    private final boolean whiten;

    private INDArray mean;            // [features], double
    private INDArray components;      // [k, features], double, rows are the axes
    private double[] explainedVariance;
    private double[] explainedVarianceRatio;
    private double[] singularValues;

    /** Keeps every component ({@code min(samples, features)}), as {@code PCA()}. */
    public PCA() {
        this(null, 0, false);
    }

    /**
     * Keeps {@code nComponents} components, as {@code PCA(n_components=k)}.
     *
     * @throws IllegalArgumentException if {@code nComponents < 1}
     */
    public PCA(int nComponents) {
        this(nComponents, false);
    }

    /** @param whiten divide each component by its standard deviation, as {@code PCA(k, whiten=True)} */
    public PCA(int nComponents, boolean whiten) {
        this(checkComponents(nComponents), 0, whiten);
    }

    private PCA(Integer nComponents, double varianceToExplain, boolean whiten) {
        this.requestedComponents = nComponents;
        this.varianceToExplain = varianceToExplain;
        this.whiten = whiten;
    }

    /**
     * Keeps the fewest components whose explained variance ratios sum to more than
     * {@code fraction}, as scikit-learn's {@code PCA(n_components=0.95)}.
     *
     * @throws IllegalArgumentException unless {@code 0 < fraction < 1}
     */
    public static PCA ofVarianceRatio(double fraction, boolean whiten) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
        }
        return new PCA(null, fraction, whiten);
    }

    private static int checkComponents(int nComponents) {
        if (nComponents < 1) {
            throw new IllegalArgumentException("nComponents must be >= 1, got " + nComponents);
        }
        return nComponents;
    }

    /**
     * Learns the mean and the principal axes of {@code x}.
     *
     * @param x samples {@code [n, features]}, n >= 2
     * @return this
     * @throws IllegalArgumentException if {@code x} is not a finite matrix with at least 2 rows, or
     *     {@code nComponents} exceeds {@code min(n, features)}
     */
    public PCA fit(INDArray x) {
        checkMatrix("x", x);
        long n = x.size(0);
        long d = x.size(1);
        if (n < 2) {
            throw new IllegalArgumentException("x must have at least 2 samples to estimate a variance, got " + n);
        }
        long maxComponents = Math.min(n, d);
        if (requestedComponents != null && requestedComponents > maxComponents) {
            throw new IllegalArgumentException("nComponents must be <= min(samples, features) = " + maxComponents
                    + ", got " + requestedComponents + " for x of shape " + Arrays.toString(x.shape()));
        }
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray mu = xd.mean(0);
        // gesvd overwrites its input and wants column-major storage
        INDArray centred = xd.subRowVector(mu).dup('f');
        long r = maxComponents;
        INDArray s = Nd4j.create(DataType.DOUBLE, r);
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        // U is not needed (transform projects on V), so LAPACK skips it: [n, n] would not fit for large n
        Nd4j.getBlasWrapper().lapack().gesvd(centred, s, null, vt);
        INDArray axes = vt.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, r),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        flipSigns(axes);

        double[] sv = s.toDoubleVector();
        double[] variance = new double[(int) r];
        double total = 0;
        for (int i = 0; i < r; i++) {
            variance[i] = sv[i] * sv[i] / (n - 1);
            total += variance[i];
        }
        int k = requestedComponents != null ? requestedComponents : (int) r;
        if (requestedComponents == null && varianceToExplain > 0) {
            double sum = 0;
            k = 0;
            while (k < r && sum <= varianceToExplain * total) {
                sum += variance[k++];
            }
        }
        this.mean = mu;
        this.components = axes.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        this.singularValues = Arrays.copyOf(sv, k);
        this.explainedVariance = Arrays.copyOf(variance, k);
        this.explainedVarianceRatio = new double[k];
        for (int i = 0; i < k; i++) {
            explainedVarianceRatio[i] = total > 0 ? variance[i] / total : 0;
        }
        return this;
    }

    /** {@link #fit} then {@link #transform} of the same data. */
    public INDArray fitTransform(INDArray x) {
        return fit(x).transform(x);
    }

    /**
     * Projects {@code x} on the principal axes: {@code (x - mean) · componentsᵀ}, divided by
     * {@code sqrt(explainedVariance)} when whitening.
     *
     * @return {@code [n, nComponents]} in the data type of {@code x}
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException if {@code x} does not have the fitted number of features
     */
    public INDArray transform(INDArray x) {
        requireFitted("transform");
        checkMatrix("x", x);
        checkWidth("x", x, mean.length(), "features");
        INDArray z = x.castTo(DataType.DOUBLE).subRowVector(mean).mmul(components.transpose());
        if (whiten) {
            z.diviRowVector(Transforms.sqrt(Nd4j.createFromArray(explainedVariance), false));
        }
        return z.castTo(x.dataType());
    }

    /**
     * Maps codes back to the input space: {@code z · components + mean} (whitened codes are
     * first scaled back), as scikit-learn's {@code inverse_transform}.
     *
     * @param z codes {@code [n, nComponents]}
     * @return {@code [n, features]} in the data type of {@code z}
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException if {@code z} does not have {@code nComponents} columns
     */
    public INDArray inverseTransform(INDArray z) {
        requireFitted("inverseTransform");
        checkMatrix("z", z);
        checkWidth("z", z, components.size(0), "components");
        INDArray codes = z.castTo(DataType.DOUBLE);
        if (whiten) {
            codes = codes.mulRowVector(Transforms.sqrt(Nd4j.createFromArray(explainedVariance), false));
        }
        return codes.mmul(components).addiRowVector(mean).castTo(z.dataType());
    }

    /** The principal axes {@code [nComponents, features]}, one per row, by decreasing variance (a copy). */
    public INDArray components() {
        requireFitted("components");
        return components.dup();
    }

    /** The per-feature mean learned by {@link #fit} {@code [features]} (a copy). */
    public INDArray mean() {
        requireFitted("mean");
        return mean.dup();
    }

    /** The variance along each kept axis, {@code S² / (n - 1)}. */
    public double[] explainedVariance() {
        requireFitted("explainedVariance");
        return explainedVariance.clone();
    }

    /** Each kept axis's share of the total variance (of all components, kept or not). */
    public double[] explainedVarianceRatio() {
        requireFitted("explainedVarianceRatio");
        return explainedVarianceRatio.clone();
    }

    /** The singular values of the centred data for the kept axes. */
    public double[] singularValues() {
        requireFitted("singularValues");
        return singularValues.clone();
    }

    /** The number of kept components: as requested, or as chosen by {@code fit}. */
    public int nComponents() {
        if (components != null) {
            return (int) components.size(0);
        }
        if (requestedComponents == null) {
            throw new IllegalStateException("the number of components is chosen by fit(); call fit() first");
        }
        return requestedComponents;
    }

    public boolean whiten() {
        return whiten;
    }

    public boolean isFitted() {
        return components != null;
    }

    /** Makes the largest-magnitude entry of each row positive (scikit-learn's {@code svd_flip} on Vᵀ). */
    private static void flipSigns(INDArray rows) {
        for (long i = 0; i < rows.size(0); i++) {
            INDArray row = rows.getRow(i);
            double best = 0;
            for (long j = 0; j < row.length(); j++) {
                double v = row.getDouble(j);
                if (Math.abs(v) > Math.abs(best)) {
                    best = v;
                }
            }
            if (best < 0) {
                row.negi();
            }
        }
    }

    private void requireFitted(String operation) {
        if (components == null) {
            throw new IllegalStateException("PCA is not fitted: call fit() before " + operation + "()");
        }
    }

    static void checkMatrix(String argument, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (a.rank() != 2 || a.size(0) == 0) {
            throw new IllegalArgumentException(argument + " must be a non-empty matrix [samples, features], got shape "
                    + Arrays.toString(a.shape()));
        }
        if (!a.dataType().isFPType()) {
            throw new IllegalArgumentException(argument + " must hold floating-point values, got " + a.dataType());
        }
        if (!Double.isFinite(a.sumNumber().doubleValue())) {
            throw new IllegalArgumentException(argument + " contains NaN or infinite values");
        }
    }

    static void checkWidth(String argument, INDArray a, long expected, String what) {
        if (a.size(1) != expected) {
            throw new IllegalArgumentException(argument + " must have " + expected + " " + what + " (columns), got shape "
                    + Arrays.toString(a.shape()));
        }
    }
}
