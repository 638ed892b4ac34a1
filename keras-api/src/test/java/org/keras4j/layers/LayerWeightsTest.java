package org.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.convolutional.DepthwiseConv2D;
import org.keras4j.layers.convolutional.Conv2DTranspose;
import org.keras4j.layers.convolutional.SeparableConv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-layer weights in Keras's layout: arrays placed by hand with {@code setWeights} come back
 * from {@code getWeights}, and {@code predict} equals the forward pass written out here from
 * Keras's formulas on those arrays.
 */
class LayerWeightsTest {
    private static final double TOLERANCE = 1e-5;
    private final Random random = new Random(7);

    @Test
    void dense_kernelInOut_thenBias_predictIsTheHandForwardPass() {
        Dense hidden = new Dense(2, "relu");
        Dense out = new Dense(1);
        Sequential model = compiled(new Input(3), hidden, out);
        double[][] k1 = random(3, 2);
        double[] b1 = random(2);
        double[][] k2 = random(2, 1);
        double[] b2 = random(1);
        hidden.setWeights(List.of(matrix(k1), vector(b1)));
        out.setWeights(List.of(matrix(k2), vector(b2)));

        assertEquals(matrix(k1), hidden.getWeights().get(0));
        assertEquals(vector(b1), hidden.getWeights().get(1));
        double[][] x = random(4, 3);
        INDArray predicted = model.predict(matrix(x));
        for (int n = 0; n < 4; n++) {
            double y = b2[0];
            for (int j = 0; j < 2; j++) {
                double h = b1[j];
                for (int i = 0; i < 3; i++) {
                    h += x[n][i] * k1[i][j];
                }
                y += Math.max(0, h) * k2[j][0];
            }
            assertEquals(y, predicted.getDouble(n, 0), TOLERANCE);
        }
    }

    @Test
    void conv2D_kernelHeightWidthInOut_predictIsTheHandConvolution() {
        Conv2D conv = new Conv2D(3, 2);
        Sequential model = compiled(new Input(4, 4, 2), conv);
        double[] k = random(2 * 2 * 2 * 3);
        double[] b = random(3);
        conv.setWeights(List.of(Nd4j.create(k, new long[] {2, 2, 2, 3}, DataType.DOUBLE), vector(b)));
        assertArrayEquals(new long[] {2, 2, 2, 3}, conv.getWeights().get(0).shape());

        double[] x = random(4 * 4 * 2);
        INDArray predicted = model.predict(Nd4j.create(x, new long[] {1, 4, 4, 2}, DataType.DOUBLE));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int o = 0; o < 3; o++) {
                    double sum = b[o];
                    for (int di = 0; di < 2; di++) {
                        for (int dj = 0; dj < 2; dj++) {
                            for (int c = 0; c < 2; c++) {
                                sum += x[((i + di) * 4 + (j + dj)) * 2 + c] * k[((di * 2 + dj) * 2 + c) * 3 + o];
                            }
                        }
                    }
                    assertEquals(sum, predicted.getDouble(0, i, j, o), TOLERANCE, "at " + i + "," + j + "," + o);
                }
            }
        }
    }

    @Test
    void conv1D_kernelSizeInOut_predictIsTheHandConvolution() {
        Conv1D conv = new Conv1D(3, 2);
        Sequential model = compiled(new Input(5, 2), conv);
        double[] k = random(2 * 2 * 3);
        double[] b = random(3);
        conv.setWeights(List.of(Nd4j.create(k, new long[] {2, 2, 3}, DataType.DOUBLE), vector(b)));
        assertEquals(Nd4j.create(k, new long[] {2, 2, 3}, DataType.DOUBLE), conv.getWeights().get(0).castTo(DataType.DOUBLE));

        double[] x = random(5 * 2);
        INDArray predicted = model.predict(Nd4j.create(x, new long[] {1, 5, 2}, DataType.DOUBLE));
        for (int t = 0; t < 4; t++) {
            for (int o = 0; o < 3; o++) {
                double sum = b[o];
                for (int dt = 0; dt < 2; dt++) {
                    for (int c = 0; c < 2; c++) {
                        sum += x[(t + dt) * 2 + c] * k[(dt * 2 + c) * 3 + o];
                    }
                }
                assertEquals(sum, predicted.getDouble(0, t, o), TOLERANCE, "at " + t + "," + o);
            }
        }
    }

    @Test
    void depthwiseConv2D_kernelHeightWidthInMultiplier_outputChannelIsInputTimesMultiplierPlusM() {
        DepthwiseConv2D conv = new DepthwiseConv2D(2).withDepthMultiplier(2);
        Sequential model = compiled(new Input(3, 3, 2), conv);
        double[] k = random(2 * 2 * 2 * 2);
        double[] b = random(4);
        conv.setWeights(List.of(Nd4j.create(k, new long[] {2, 2, 2, 2}, DataType.DOUBLE), vector(b)));

        double[] x = random(3 * 3 * 2);
        INDArray predicted = model.predict(Nd4j.create(x, new long[] {1, 3, 3, 2}, DataType.DOUBLE));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int c = 0; c < 2; c++) {
                    for (int m = 0; m < 2; m++) {
                        double sum = b[c * 2 + m];
                        for (int di = 0; di < 2; di++) {
                            for (int dj = 0; dj < 2; dj++) {
                                sum += x[((i + di) * 3 + (j + dj)) * 2 + c] * k[((di * 2 + dj) * 2 + c) * 2 + m];
                            }
                        }
                        assertEquals(sum, predicted.getDouble(0, i, j, c * 2 + m), TOLERANCE);
                    }
                }
            }
        }
    }

    @Test
    void lstm_gatesInputForgetCellOutput_predictIsTheHandRecurrence() {
        int units = 2;
        LSTM lstm = new LSTM(units);
        Sequential model = compiled(new Input(3, 2), lstm);
        double[][] kernel = random(2, 4 * units);
        double[][] recurrent = random(units, 4 * units);
        double[] bias = random(4 * units);
        lstm.setWeights(List.of(matrix(kernel), matrix(recurrent), vector(bias)));
        assertEquals(matrix(recurrent), lstm.getWeights().get(1));
        assertEquals(vector(bias), lstm.getWeights().get(2));

        double[][] x = random(3, 2);
        double[] h = new double[units];
        double[] c = new double[units];
        for (int t = 0; t < 3; t++) {
            double[] z = bias.clone();
            for (int g = 0; g < 4 * units; g++) {
                for (int i = 0; i < 2; i++) {
                    z[g] += x[t][i] * kernel[i][g];
                }
                for (int u = 0; u < units; u++) {
                    z[g] += h[u] * recurrent[u][g];
                }
            }
            double[] hNext = new double[units];
            for (int u = 0; u < units; u++) { // Keras: i, f, c, o blocks
                double in = sigmoid(z[u]);
                double forget = sigmoid(z[units + u]);
                double candidate = Math.tanh(z[2 * units + u]);
                double out = sigmoid(z[3 * units + u]);
                c[u] = forget * c[u] + in * candidate;
                hNext[u] = out * Math.tanh(c[u]);
            }
            h = hNext;
        }
        INDArray predicted = model.predict(Nd4j.create(flatten(x), new long[] {1, 3, 2}, DataType.DOUBLE));
        for (int u = 0; u < units; u++) {
            assertEquals(h[u], predicted.getDouble(0, u), TOLERANCE);
        }
    }

    @Test
    void simpleRnn_kernelRecurrentBias_predictIsTheHandRecurrence() {
        SimpleRNN rnn = new SimpleRNN(2);
        Sequential model = compiled(new Input(3, 2), rnn);
        double[][] kernel = random(2, 2);
        double[][] recurrent = random(2, 2);
        double[] bias = random(2);
        rnn.setWeights(List.of(matrix(kernel), matrix(recurrent), vector(bias)));

        double[][] x = random(3, 2);
        double[] h = new double[2];
        for (int t = 0; t < 3; t++) {
            double[] next = new double[2];
            for (int u = 0; u < 2; u++) {
                double z = bias[u];
                for (int i = 0; i < 2; i++) {
                    z += x[t][i] * kernel[i][u] + h[i] * recurrent[i][u];
                }
                next[u] = Math.tanh(z);
            }
            h = next;
        }
        INDArray predicted = model.predict(Nd4j.create(flatten(x), new long[] {1, 3, 2}, DataType.DOUBLE));
        assertEquals(h[0], predicted.getDouble(0, 0), TOLERANCE);
        assertEquals(h[1], predicted.getDouble(0, 1), TOLERANCE);
    }

    @Test
    void batchNormalization_gammaBetaMovingMeanMovingVariance_predictNormalizesWithThem() {
        BatchNormalization bn = new BatchNormalization();
        Sequential model = compiled(new Input(3), bn);
        double[] gamma = {1.5, 0.5, 2};
        double[] beta = {0.1, -0.2, 0.3};
        double[] mean = {0.5, -1, 2};
        double[] variance = {4, 0.25, 1};
        bn.setWeights(List.of(vector(gamma), vector(beta), vector(mean), vector(variance)));
        assertEquals(4, bn.getWeights().size());
        assertEquals(vector(variance), bn.getWeights().get(3));

        double[][] x = random(2, 3);
        INDArray predicted = model.predict(matrix(x));
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < 3; f++) {
                double expected = gamma[f] * (x[n][f] - mean[f]) / Math.sqrt(variance[f] + 1e-3) + beta[f];
                assertEquals(expected, predicted.getDouble(n, f), TOLERANCE);
            }
        }
    }

    @Test
    void setWeightsAfterTraining_isWhatPredictUses() {
        Dense dense = new Dense(1);
        Sequential model = compiled(new Input(2), dense);
        model.fit(matrix(random(16, 2)), matrix(random(16, 1)), FitOptions.defaults().epochs(2).batchSize(4).verbose(0));
        dense.setWeights(List.of(matrix(new double[][] {{2}, {-3}}), vector(new double[] {0.5})));
        assertEquals(2 * 1.0 - 3 * 2.0 + 0.5, model.predict(matrix(new double[][] {{1, 2}})).getDouble(0, 0), TOLERANCE);
    }

    @Test
    void layerWithoutWeights_hasAnEmptyList() {
        Flatten flatten = new Flatten();
        compiled(new Input(2, 2), flatten, new Dense(1));
        assertEquals(List.of(), flatten.getWeights());
        assertThrows(IllegalArgumentException.class, () -> flatten.setWeights(List.of(Nd4j.ones(1))));
    }

    @Test
    void beforeCompile_getWeights_says_compileFirst() {
        Dense dense = new Dense(4);
        new Sequential(new Input(2), dense);
        IllegalStateException e = assertThrows(IllegalStateException.class, dense::getWeights);
        assertTrue(e.getMessage().contains("call compile first"), e.getMessage());
    }

    @Test
    void wrongCountOrShape_namesTheLayerAndTheExpectedShapes_andWritesNothing() {
        Dense dense = new Dense(2).withName("hidden");
        compiled(new Input(3), dense, new Dense(1));
        List<INDArray> before = dense.getWeights();

        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> dense.setWeights(List.of(Nd4j.zeros(3, 2))));
        assertTrue(count.getMessage().contains("'hidden'") && count.getMessage().contains("expects 2 arrays (kernel [3, 2], "
                + "bias [2]), got 1"), count.getMessage());

        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> dense.setWeights(List.of(Nd4j.zeros(3, 2), Nd4j.zeros(3))));
        assertTrue(shape.getMessage().contains("weight 1 (bias) expects shape [2], got [3]"), shape.getMessage());
        assertEquals(before, dense.getWeights());
    }

    @Test
    void separableConv2D_depthwiseThenPointwiseKernels_predictIsTheHandConvolution() {
        SeparableConv2D conv = new SeparableConv2D(2, 2).withDepthMultiplier(2);
        Sequential model = compiled(new Input(3, 3, 2), conv);
        double[] depthwise = random(2 * 2 * 2 * 2); // [kh, kw, in, multiplier]
        double[] pointwise = random(2 * 2 * 2);     // [1, 1, in * multiplier, filters]
        double[] b = random(2);
        conv.setWeights(List.of(Nd4j.create(depthwise, new long[] {2, 2, 2, 2}, DataType.DOUBLE),
                Nd4j.create(pointwise, new long[] {1, 1, 4, 2}, DataType.DOUBLE), vector(b)));
        assertArrayEquals(new long[] {1, 1, 4, 2}, conv.getWeights().get(1).shape());

        double[] x = random(3 * 3 * 2);
        INDArray predicted = model.predict(Nd4j.create(x, new long[] {1, 3, 3, 2}, DataType.DOUBLE));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double[] mid = new double[4]; // channel c * multiplier + m, as Keras orders them
                for (int c = 0; c < 2; c++) {
                    for (int m = 0; m < 2; m++) {
                        for (int di = 0; di < 2; di++) {
                            for (int dj = 0; dj < 2; dj++) {
                                mid[c * 2 + m] += x[((i + di) * 3 + (j + dj)) * 2 + c] * depthwise[((di * 2 + dj) * 2 + c) * 2 + m];
                            }
                        }
                    }
                }
                for (int o = 0; o < 2; o++) {
                    double y = b[o];
                    for (int q = 0; q < 4; q++) {
                        y += mid[q] * pointwise[q * 2 + o];
                    }
                    assertEquals(y, predicted.getDouble(0, i, j, o), TOLERANCE, "output at " + i + "," + j + "," + o);
                }
            }
        }
    }

    @Test
    void conv2DTranspose_kernelHeightWidthOutIn_predictIsTheHandTransposedConvolution() {
        Conv2DTranspose conv = new Conv2DTranspose(2, 2);
        Sequential model = compiled(new Input(2, 2, 3), conv);
        double[] k = random(2 * 2 * 2 * 3); // [kh, kw, filters, in]
        double[] b = random(2);
        conv.setWeights(List.of(Nd4j.create(k, new long[] {2, 2, 2, 3}, DataType.DOUBLE), vector(b)));
        double[] x = random(2 * 2 * 3);
        INDArray predicted = model.predict(Nd4j.create(x, new long[] {1, 2, 2, 3}, DataType.DOUBLE));
        assertArrayEquals(new long[] {1, 3, 3, 2}, predicted.shape());
        for (int p = 0; p < 3; p++) {
            for (int q = 0; q < 3; q++) {
                for (int o = 0; o < 2; o++) {
                    double y = b[o];
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            int di = p - i;
                            int dj = q - j;
                            if (di < 0 || di > 1 || dj < 0 || dj > 1) {
                                continue;
                            }
                            for (int c = 0; c < 3; c++) {
                                y += x[(i * 2 + j) * 3 + c] * k[((di * 2 + dj) * 2 + o) * 3 + c];
                            }
                        }
                    }
                    assertEquals(y, predicted.getDouble(0, p, q, o), TOLERANCE, "output at " + p + "," + q + "," + o);
                }
            }
        }
    }

    private static Sequential compiled(Layer... layers) {
        Sequential model = new Sequential(layers);
        model.compile("sgd", "mse");
        return model;
    }

    private double[] random(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() * 2 - 1;
        }
        return out;
    }

    private double[][] random(int rows, int columns) {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = random(columns);
        }
        return out;
    }

    private static INDArray matrix(double[][] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    private static INDArray vector(double[] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    private static double[] flatten(double[][] values) {
        return java.util.Arrays.stream(values).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
