package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.internal.dl4j.initializers.Fans;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Sample statistics of each initializer's DL4J translation against Keras's distribution. */
class Dl4jInitializersTest {
    private static final long ROWS = 200;
    private static final long COLS = 300;

    /** A Dense-like kernel [ROWS, COLS] drawn as DL4J's DenseLayer does (fans nIn, nOut; 'f' order). */
    private static double[] draw(Initializer initializer) {
        return draw(Dl4jInitializers.toDl4j(initializer), ROWS, COLS);
    }

    private static double[] draw(IWeightInit init, long rows, long cols) {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, rows * cols);
        INDArray w = init.init(rows, cols, new long[] {rows, cols}, 'f', view);
        assertArrayEquals(new long[] {rows, cols}, w.shape());
        return view.toDoubleVector();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }

    private static double maxAbs(double[] x, double center) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v - center));
        }
        return m;
    }

    /** Uniform on [-limit, limit]: within bounds, mean 0, std limit / sqrt(3), reaching near the bounds. */
    private static void assertUniform(double[] x, double lo, double hi) {
        double width = hi - lo;
        for (double v : x) {
            assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
        }
        assertEquals((lo + hi) / 2, mean(x), width * 0.01);
        assertEquals(width / Math.sqrt(12), std(x), width / Math.sqrt(12) * 0.02);
        assertTrue(maxAbs(x, (lo + hi) / 2) > width / 2 * 0.99, "should fill the interval");
    }

    /** Keras's truncated normal with std (after truncation) {@code stddev}: bounded at 2 / 0.8796 stddev. */
    private static void assertTruncated(double[] x, double mean, double preTruncationStddev, double expectedStd) {
        double bound = 2 * preTruncationStddev;
        assertTrue(maxAbs(x, mean) <= bound + 1e-12, "max |x - mean| " + maxAbs(x, mean) + " > " + bound);
        assertTrue(maxAbs(x, mean) > bound * 0.98, "should reach near the truncation bound");
        assertEquals(mean, mean(x), expectedStd * 0.02);
        assertEquals(expectedStd, std(x), expectedStd * 0.02);
    }

    @Test
    void glorotUniform_isUniformOnKerasLimit() {
        double limit = Math.sqrt(6.0 / (ROWS + COLS));
        assertUniform(draw(Initializers.glorotUniform()), -limit, limit);
    }

    @Test
    void heUniform_isUniformOnKerasLimit() {
        double limit = Math.sqrt(6.0 / ROWS);
        assertUniform(draw(Initializers.heUniform()), -limit, limit);
    }

    @Test
    void lecunUniform_isUniformOnSqrtThreeOverFanIn() {
        // DL4J's LECUN_UNIFORM uses 3 / sqrt(fanIn) instead
        double limit = Math.sqrt(3.0 / ROWS);
        assertUniform(draw(Initializers.lecunUniform()), -limit, limit);
    }

    @Test
    void glorotNormal_isTruncatedWithKerasStd() {
        double std = Math.sqrt(2.0 / (ROWS + COLS));
        assertTruncated(draw(Initializers.glorotNormal()), 0, std / 0.87962566103423978, std);
    }

    @Test
    void heNormal_isTruncatedWithKerasStd() {
        double std = Math.sqrt(2.0 / ROWS);
        assertTruncated(draw(Initializers.heNormal()), 0, std / 0.87962566103423978, std);
    }

    @Test
    void lecunNormal_isTruncatedWithKerasStd() {
        double std = Math.sqrt(1.0 / ROWS);
        assertTruncated(draw(Initializers.lecunNormal()), 0, std / 0.87962566103423978, std);
    }

    @Test
    void varianceScaling_untruncatedFanOut_isPlainNormal() {
        double[] x = draw(Initializers.varianceScaling(3.0, "fan_out", "untruncated_normal"));
        double std = Math.sqrt(3.0 / COLS);
        assertEquals(0, mean(x), std * 0.02);
        assertEquals(std, std(x), std * 0.02);
        assertTrue(maxAbs(x, 0) > 3 * std, "an untruncated normal of 60k values reaches beyond 3 stddev (p ~ 1e-70 otherwise)");
    }

    @Test
    void randomUniform_usesMinvalMaxval() {
        assertUniform(draw(Initializers.randomUniform(-0.2, 0.5)), -0.2, 0.5);
    }

    @Test
    void randomNormal_hasMeanAndStddev() {
        double[] x = draw(Initializers.randomNormal(1.0, 0.5));
        assertEquals(1.0, mean(x), 0.01);
        assertEquals(0.5, std(x), 0.01);
        assertTrue(maxAbs(x, 1.0) > 1.5, "untruncated");
    }

    @Test
    void truncatedNormal_redrawsBeyondTwoStddev() {
        // Keras's TruncatedNormal(stddev) is truncated at 2 stddev without the variance correction
        assertTruncated(draw(Initializers.truncatedNormal(1.0, 0.5)), 1.0, 0.5, 0.5 * 0.87962566103423978);
    }

    @Test
    void constants_fillEveryValue() {
        assertEquals(0.0, maxAbs(draw(Initializers.zeros()), 0.0), 0.0);
        assertEquals(0.0, maxAbs(draw(Initializers.ones()), 1.0), 0.0);
        assertEquals(0.0, maxAbs(draw(Initializers.constant(3.5)), 3.5), 0.0);
    }

    private static void assertOrthonormalRows(INDArray m, double gain) {
        INDArray gram = m.mmul(m.transpose());
        INDArray expected = Nd4j.eye(m.rows()).castTo(DataType.DOUBLE).muli(gain * gain);
        assertTrue(gram.equalsWithEps(expected, 1e-10), "rows not orthonormal (x gain): " + gram);
    }

    @Test
    void orthogonal_tallMatrix_hasOrthonormalColumnsTimesGain() {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 50 * 20);
        INDArray w = Dl4jInitializers.toDl4j(Initializers.orthogonal(2.0)).init(50, 20, new long[] {50, 20}, 'f', view);
        assertOrthonormalRows(w.transpose(), 2.0);
    }

    @Test
    void orthogonal_wideMatrix_hasOrthonormalRows() {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 20 * 50);
        INDArray w = Dl4jInitializers.toDl4j(Initializers.orthogonal(1.0)).init(20, 50, new long[] {20, 50}, 'f', view);
        assertOrthonormalRows(w, 1.0);
    }

    @Test
    void orthogonal_convolutionKernel_hasOrthonormalFilters() {
        // DL4J conv layout [filters=8, in=3, 3, 3]: 8 filters of 27 values, orthonormal as in Keras
        long[] shape = {8, 3, 3, 3};
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 8 * 27);
        INDArray w = Dl4jInitializers.toDl4j(Initializers.orthogonal(1.0)).init(27, 72, shape, 'c', view);
        assertOrthonormalRows(w.reshape('c', 8, 27), 1.0);
        assertOrthonormalRows(view.reshape('c', 8, 27), 1.0);
    }

    @Test
    void orthogonal_singleColumnOrRow_isUnitVectorTimesGain() {
        // one column: no QR needed (libnd4j's QR crashes the JVM on a 1x1 input)
        for (long[] shape : new long[][] {{1, 1}, {7, 1}, {1, 7}}) {
            INDArray view = Nd4j.create(DataType.DOUBLE, 1, shape[0] * shape[1]);
            INDArray w = Dl4jInitializers.toDl4j(Initializers.orthogonal(3.0)).init(shape[0], shape[1], shape, 'f', view);
            assertEquals(3.0, w.norm2Number().doubleValue(), 1e-9, "norm of " + java.util.Arrays.toString(shape));
        }
    }

    @Test
    void orthogonal_inDenseLayer_givesOrthogonalKernel() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(30).nOut(10).weightInit(Dl4jInitializers.toDl4j(Initializers.orthogonal(1.0)))
                        .activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(10).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray kernel = net.getParam("0_W");
        assertArrayEquals(new long[] {30, 10}, kernel.shape());
        assertOrthonormalRows(kernel.transpose(), 1.0);
    }

    @Test
    void identity_rectangular_isScaledEye() {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 3 * 5);
        INDArray w = Dl4jInitializers.toDl4j(Initializers.identity(0.5)).init(3, 5, new long[] {3, 5}, 'f', view);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 3, 5);
        for (int i = 0; i < 3; i++) {
            expected.putScalar(i, i, 0.5);
        }
        assertEquals(expected, w);
        assertEquals(expected, view.reshape('f', 3, 5));
    }

    @Test
    void identity_nonMatrix_throws() {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 2 * 2 * 3 * 3);
        IWeightInit init = Dl4jInitializers.toDl4j(Initializers.identity(1.0));
        assertThrows(IllegalArgumentException.class, () -> init.init(18, 18, new long[] {2, 2, 3, 3}, 'c', view));
    }

    @Test
    void fans_followKerasComputeFans() {
        assertArrayEquals(new double[] {10, 20}, Fans.of(10, 20));
        assertArrayEquals(new double[] {144, 288}, Fans.of(3, 3, 16, 32));
        assertArrayEquals(new double[] {5 * 8, 5 * 4}, Fans.of(5, 8, 4));
        assertArrayEquals(new double[] {7, 7}, Fans.of(7));
        assertThrows(IllegalArgumentException.class, () -> Fans.of(3, 0));
    }

    @Test
    void toDl4j_withKerasKernelShape_ignoresDl4jFans() {
        // a strided conv: DL4J would pass fanOut / stride; Keras's he_uniform uses fan_in = 3*3*16
        IWeightInit init = Dl4jInitializers.toDl4j(Initializers.heUniform(), 3, 3, 16, 32);
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, 32 * 16 * 9);
        init.init(1, 1, new long[] {32, 16, 3, 3}, 'c', view);
        double limit = Math.sqrt(6.0 / 144);
        double[] x = view.toDoubleVector();
        assertTrue(maxAbs(x, 0) <= limit && maxAbs(x, 0) > limit * 0.95, "limit " + limit + ", max " + maxAbs(x, 0));
    }

    @Test
    void draws_followNd4jSeed() {
        Nd4j.getRandom().setSeed(42);
        double[] a = draw(Dl4jInitializers.toDl4j(Initializers.heNormal()), 30, 20);
        Nd4j.getRandom().setSeed(42);
        double[] b = draw(Dl4jInitializers.toDl4j(Initializers.heNormal()), 30, 20);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void everyInitializer_survivesDl4jJsonRoundTrip() {
        for (String name : Initializers.names()) {
            IWeightInit init = Dl4jInitializers.toDl4j(Initializers.get(name));
            IWeightInit withFans = Dl4jInitializers.toDl4j(Initializers.get(name), 4, 6);
            for (IWeightInit w : List.of(init, withFans)) {
                MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                        .layer(new DenseLayer.Builder().nIn(4).nOut(6).weightInit(w).build())
                        .build();
                MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
                assertEquals(w, ((DenseLayer) back.getConf(0).getLayer()).getWeightInitFn(), name);
            }
        }
    }

    @Test
    void biasValue_nonConstant_throwsNamingLayer() {
        assertEquals(2.0, Dl4jInitializers.biasValue(Initializers.constant(2.0), "dense"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jInitializers.biasValue(Initializers.heNormal(), "Dense 'dense_1'"));
        assertTrue(e.getMessage().contains("dense_1") && e.getMessage().contains("he_normal"), e.getMessage());
    }
}
