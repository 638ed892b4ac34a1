package org.keras4j.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Standardizes each column to mean 0 and standard deviation 1, as scikit-learn's {@code StandardScaler}:
 * {@code z = (x - mean) / scale}.
 *
 * <p>{@code mean} and {@code var} are the column mean and population variance of the training data (ddof = 0, as
 * scikit-learn and NumPy's default, not the sample variance); {@code scale = sqrt(var)}, except that a constant column
 * gets {@code scale = 1} so it maps to 0 rather than to NaN.
 *
 * <pre>{@code
 * StandardScaler scaler = new StandardScaler();
 * INDArray xTrain = scaler.fitTransform(split.train().x());   // fit on the training rows only
 * INDArray xTest = scaler.transform(split.test().x());
 * }</pre>
 */
public final class StandardScaler extends ColumnScaler {

    private double[] mean;
    private double[] var;
    private double[] scale;

    /** A scaler to {@link #fit}. */
    public StandardScaler() {
    }

    @Override
    public StandardScaler fit(INDArray x) {
        super.fit(x);
        return this;
    }

    @Override
    double[][] learn(INDArray x) {
        long n = x.rows();
        double[] m = x.mean(0).toDoubleVector();
        double[] v = x.var(false, 0).toDoubleVector();
        double[] s = new double[m.length];
        double eps = Math.ulp(1.0);
        for (int c = 0; c < m.length; c++) {
            // scikit-learn's _is_constant_feature: a variance within rounding error of 0 is 0
            double bound = n * eps * v[c] + Math.pow(n * m[c] * eps, 2);
            boolean constant = v[c] <= bound;
            if (constant) {
                v[c] = 0;
            }
            s[c] = constant || Math.sqrt(v[c]) < 10 * eps ? 1.0 : Math.sqrt(v[c]);
        }
        mean = m;
        var = v;
        scale = s;
        return new double[][] {m, s};
    }

    /** The per-column means learned by {@link #fit} (scikit-learn's {@code mean_}), a copy. */
    public double[] mean() {
        requireFitted();
        return mean.clone();
    }

    /** The per-column population variances (ddof = 0) learned by {@link #fit} ({@code var_}), a copy. */
    public double[] var() {
        requireFitted();
        return var.clone();
    }

    /** The per-column divisors ({@code scale_}): the standard deviation, or 1 for a constant column; a copy. */
    public double[] scale() {
        requireFitted();
        return scale.clone();
    }
}
