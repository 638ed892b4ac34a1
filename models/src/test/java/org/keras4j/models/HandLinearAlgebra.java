package org.keras4j.models;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Small dense linear algebra in plain doubles, independent of ND4J, for checking models against
 * textbook formulas: covariance, a cyclic Jacobi eigen-decomposition, Gram–Schmidt and principal
 * angles between subspaces.
 */
final class HandLinearAlgebra {
    private HandLinearAlgebra() {
    }

    /** Column means of {@code x} [n][d]. */
    static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / x.length;
            }
        }
        return m;
    }

    /** Covariance with divisor n of rows that are already centred. */
    static double[][] covariance(double[][] centred) {
        int d = centred[0].length;
        double[][] c = new double[d][d];
        for (double[] row : centred) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += row[i] * row[j] / centred.length;
                }
            }
        }
        return c;
    }

    /**
     * Eigenvalues (descending) and eigenvectors (as columns, same order) of a symmetric matrix by
     * cyclic Jacobi rotations.
     */
    static Eigen symmetricEigen(double[][] symmetric) {
        int d = symmetric.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = symmetric[i].clone();
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        double[][] diag = a;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> diag[i][i]).reversed());
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int j = 0; j < d; j++) {
            values[j] = a[order[j]][order[j]];
            for (int i = 0; i < d; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return new Eigen(values, vectors);
    }

    record Eigen(double[] values, double[][] vectors) {
        /** The first {@code k} eigenvectors as columns, [d][k]. */
        double[][] top(int k) {
            double[][] u = new double[vectors.length][k];
            for (int i = 0; i < vectors.length; i++) {
                System.arraycopy(vectors[i], 0, u[i], 0, k);
            }
            return u;
        }
    }

    /** An orthonormal basis of the columns of {@code a} [d][k], by modified Gram–Schmidt. */
    static double[][] orthonormalColumns(double[][] a) {
        int d = a.length;
        int k = a[0].length;
        double[][] q = new double[d][k];
        for (int j = 0; j < k; j++) {
            double[] col = new double[d];
            for (int i = 0; i < d; i++) {
                col[i] = a[i][j];
            }
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[i][p] * col[i];
                }
                for (int i = 0; i < d; i++) {
                    col[i] -= dot * q[i][p];
                }
            }
            double norm = 0;
            for (double c : col) {
                norm += c * c;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                q[i][j] = col[i] / norm;
            }
        }
        return q;
    }

    /**
     * The principal angles, in radians, between the column spaces of {@code a} and {@code b}
     * (both [d][k]): the arc cosines of the singular values of {@code Qaᵀ Qb}.
     */
    static double[] principalAngles(double[][] a, double[][] b) {
        double[][] qa = orthonormalColumns(a);
        double[][] qb = orthonormalColumns(b);
        int k = qa[0].length;
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < qa.length; r++) {
                    m[i][j] += qa[r][i] * qb[r][j];
                }
            }
        }
        double[][] mtm = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < k; r++) {
                    mtm[i][j] += m[r][i] * m[r][j];
                }
            }
        }
        double[] s2 = symmetricEigen(mtm).values();
        double[] angles = new double[k];
        for (int i = 0; i < k; i++) {
            angles[i] = Math.acos(Math.min(1, Math.sqrt(Math.max(0, s2[i]))));
        }
        return angles;
    }

    /** Mean over samples and features of the squared error of projecting centred rows onto the columns of {@code u} (orthonormal). */
    static double projectionError(double[][] centred, double[][] u) {
        int d = u.length;
        int k = u[0].length;
        double total = 0;
        for (double[] row : centred) {
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < d; i++) {
                    z[j] += row[i] * u[i][j];
                }
            }
            for (int i = 0; i < d; i++) {
                double r = 0;
                for (int j = 0; j < k; j++) {
                    r += u[i][j] * z[j];
                }
                total += (row[i] - r) * (row[i] - r);
            }
        }
        return total / (centred.length * (double) d);
    }
}
