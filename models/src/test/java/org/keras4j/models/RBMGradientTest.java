package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One CD-1 update of a 4 x 3 RBM against the formula, computed by hand in double precision. */
class RBMGradientTest {
    private static final double[][] W = {{0.3, -0.2, 0.1}, {-0.4, 0.5, 0.2}, {0.25, 0.1, -0.3}, {0.05, -0.15, 0.4}};
    private static final double[] HIDDEN_BIAS = {0.1, -0.2, 0.05};
    private static final double[] VISIBLE_BIAS = {-0.1, 0.2, 0.0, 0.3};
    private static final double[][] X = {{1, 0, 1, 0}, {0, 1, 1, 0}, {1, 1, 0, 1}, {0, 0, 1, 1}, {1, 0, 0, 1}};

    private static RBM tiny(SGD sgd, double weightDecay) {
        Keras.setRandomSeed(3);
        RBM rbm = RBM.builder(4, 3).weightDecay(weightDecay).build();
        rbm.compile(sgd);
        rbm.setWeights(List.of(Nd4j.createFromArray(W).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                Nd4j.createFromArray(HIDDEN_BIAS).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                Nd4j.createFromArray(VISIBLE_BIAS).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)));
        return rbm;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** p(h_j = 1 | v) for each row of v. */
    private static double[][] hidden(double[][] v, double[][] w, double[] c) {
        double[][] h = new double[v.length][c.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < c.length; j++) {
                double z = c[j];
                for (int k = 0; k < v[i].length; k++) {
                    z += v[i][k] * w[k][j];
                }
                h[i][j] = sigmoid(z);
            }
        }
        return h;
    }

    /** The CD gradient (W, hidden bias, visible bias) by hand: data statistics minus negative-phase statistics. */
    private static double[][][] gradient(double[][] v0, double[][] vk, double[][] w, double[] c, double decay) {
        double[][] h0 = hidden(v0, w, c);
        double[][] hk = hidden(vk, w, c);
        double[][] gw = new double[w.length][c.length];
        double[][] gc = new double[1][c.length];
        double[][] gb = new double[1][w.length];
        for (int a = 0; a < w.length; a++) {
            for (int j = 0; j < c.length; j++) {
                double pos = 0;
                double neg = 0;
                for (int i = 0; i < v0.length; i++) {
                    pos += v0[i][a] * h0[i][j];
                }
                for (int i = 0; i < vk.length; i++) {
                    neg += vk[i][a] * hk[i][j];
                }
                gw[a][j] = pos / v0.length - neg / vk.length - decay * w[a][j];
            }
        }
        for (int j = 0; j < c.length; j++) {
            for (double[] row : h0) {
                gc[0][j] += row[j] / v0.length;
            }
            for (double[] row : hk) {
                gc[0][j] -= row[j] / vk.length;
            }
        }
        for (int a = 0; a < w.length; a++) {
            for (double[] row : v0) {
                gb[0][a] += row[a] / v0.length;
            }
            for (double[] row : vk) {
                gb[0][a] -= row[a] / vk.length;
            }
        }
        return new double[][][] {gw, gc, gb};
    }

    private static void assertStep(List<INDArray> before, List<INDArray> after, double[][][] expectedDelta, double lr) {
        for (int a = 0; a < 4; a++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(lr * expectedDelta[0][a][j], after.get(0).getDouble(a, j) - before.get(0).getDouble(a, j), 1e-6,
                        "W[" + a + "][" + j + "]");
            }
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(lr * expectedDelta[1][0][j], after.get(1).getDouble(j) - before.get(1).getDouble(j), 1e-6,
                    "hidden bias " + j);
        }
        for (int a = 0; a < 4; a++) {
            assertEquals(lr * expectedDelta[2][0][a], after.get(2).getDouble(a) - before.get(2).getDouble(a), 1e-6,
                    "visible bias " + a);
        }
    }

    @Test
    void cd1Update_equalsTheGradientFormula() {
        RBM rbm = tiny(new SGD(0.1), 0);
        List<INDArray> before = rbm.getWeights();
        INDArray x = Nd4j.createFromArray(X).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        rbm.network().trainBatch(x, x, null);
        double[][] vk = rbm.negativeSamples().toDoubleMatrix();
        assertEquals(5, vk.length);
        for (double[] row : vk) {
            for (double value : row) {
                assertEquals(0.0, value * (1 - value), 0.0, "Bernoulli negative samples are binary");
            }
        }
        assertStep(before, rbm.getWeights(), gradient(X, vk, W, HIDDEN_BIAS, 0), 0.1);
    }

    @Test
    void weightDecay_shrinksWOnly() {
        RBM rbm = tiny(new SGD(0.05), 0.01);
        List<INDArray> before = rbm.getWeights();
        INDArray x = Nd4j.createFromArray(X).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        rbm.network().trainBatch(x, x, null);
        double[][] vk = rbm.negativeSamples().toDoubleMatrix();
        assertStep(before, rbm.getWeights(), gradient(X, vk, W, HIDDEN_BIAS, 0.01), 0.05);
    }

    @Test
    void momentum_followsKerasSgdRule_onTheSecondStep() {
        double lr = 0.1;
        double mu = 0.5;
        RBM rbm = tiny(new SGD(lr, mu), 0);
        INDArray x = Nd4j.createFromArray(X).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        rbm.network().trainBatch(x, x, null);
        double[][] vk1 = rbm.negativeSamples().toDoubleMatrix();
        double[][][] g1 = gradient(X, vk1, W, HIDDEN_BIAS, 0);
        List<INDArray> middle = rbm.getWeights();
        rbm.network().trainBatch(x, x, null);
        double[][] vk2 = rbm.negativeSamples().toDoubleMatrix();
        double[][] w1 = middle.get(0).toDoubleMatrix();
        double[] c1 = middle.get(1).toDoubleVector();
        double[][][] g2 = gradient(X, vk2, w1, c1, 0);
        // vel2 = mu * lr * g1 + lr * g2: the second step, in units of lr
        double[][][] combined = new double[3][][];
        for (int p = 0; p < 3; p++) {
            combined[p] = new double[g1[p].length][];
            for (int r = 0; r < g1[p].length; r++) {
                combined[p][r] = new double[g1[p][r].length];
                for (int s = 0; s < g1[p][r].length; s++) {
                    combined[p][r][s] = mu * g1[p][r][s] + g2[p][r][s];
                }
            }
        }
        assertStep(middle, rbm.getWeights(), combined, lr);
    }

    @Test
    void reportedLoss_isTheReconstructionErrorBeforeTheUpdate() {
        RBM rbm = tiny(new SGD(0.1), 0);
        INDArray x = Nd4j.createFromArray(X).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        double expected = rbm.reconstructionError(x);
        double loss = rbm.network().trainBatch(x, x, null);
        assertEquals(expected, loss, 1e-7);
        // by hand for the first sample: mean of (x - sigmoid(h Wᵀ + b))²
        double[][] h = hidden(X, W, HIDDEN_BIAS);
        double sum = 0;
        for (int i = 0; i < X.length; i++) {
            for (int a = 0; a < 4; a++) {
                double z = VISIBLE_BIAS[a];
                for (int j = 0; j < 3; j++) {
                    z += h[i][j] * W[a][j];
                }
                double d = X[i][a] - sigmoid(z);
                sum += d * d;
            }
        }
        assertEquals(sum / 20, loss, 1e-6);
    }

    @Test
    void freeEnergy_andPseudoLikelihood_matchTheirFormulas() {
        RBM rbm = tiny(new SGD(0.1), 0);
        INDArray x = Nd4j.createFromArray(X).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        double[] fe = rbm.freeEnergy(x).toDoubleVector();
        double[] energies = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            double f = 0;
            for (int a = 0; a < 4; a++) {
                f -= VISIBLE_BIAS[a] * X[i][a];
            }
            for (int j = 0; j < 3; j++) {
                double z = HIDDEN_BIAS[j];
                for (int a = 0; a < 4; a++) {
                    z += X[i][a] * W[a][j];
                }
                f -= Math.log1p(Math.exp(z));
            }
            energies[i] = f;
            assertEquals(f, fe[i], 1e-6, "free energy of sample " + i);
        }
        // every one-unit flip gives a value in {visible * log sigmoid(F(flipped) - F(v))}: check the set
        double[] pl = rbm.pseudoLikelihood(x).toDoubleVector();
        for (int i = 0; i < X.length; i++) {
            boolean found = false;
            for (int a = 0; a < 4; a++) {
                double[][] flipped = {X[i].clone()};
                flipped[0][a] = 1 - flipped[0][a];
                double f2 = rbm.freeEnergy(Nd4j.createFromArray(flipped).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT))
                        .getDouble(0);
                double expected = 4 * Math.log(sigmoid(f2 - energies[i]));
                found |= Math.abs(expected - pl[i]) < 1e-6;
            }
            assertEquals(true, found, "pseudo-likelihood of sample " + i + " = " + pl[i]);
        }
    }
    /** F(v) = -bᵀv - Σ_j log(1 + exp(c_j + Σ_a v_a W_aj)), written out. */
    private static double freeEnergyByHand(double[] v) {
        double f = 0;
        for (int a = 0; a < v.length; a++) {
            f -= VISIBLE_BIAS[a] * v[a];
        }
        for (int j = 0; j < HIDDEN_BIAS.length; j++) {
            double z = HIDDEN_BIAS[j];
            for (int a = 0; a < v.length; a++) {
                z += v[a] * W[a][j];
            }
            f -= Math.log1p(Math.exp(z));
        }
        return f;
    }

    @Test
    void exactPseudoLikelihood_sumsLogSigmoidOfEveryOneUnitFlip() {
        RBM rbm = tiny(new SGD(0.1), 0);
        INDArray x = Nd4j.createFromArray(X).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        double[] pl = rbm.exactPseudoLikelihood(x).toDoubleVector();
        for (int i = 0; i < X.length; i++) {
            double expected = 0;
            for (int a = 0; a < 4; a++) {
                double[] flipped = X[i].clone();
                flipped[a] = 1 - flipped[a];
                expected += Math.log(sigmoid(freeEnergyByHand(flipped) - freeEnergyByHand(X[i])));
            }
            assertEquals(expected, pl[i], 1e-6, "exact pseudo-likelihood of sample " + i);
        }
    }
}
