package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.EarlyStopping;
import org.keras4j.callbacks.History;
import org.keras4j.callbacks.LearningRateScheduler;
import org.keras4j.layers.Layer;
import org.keras4j.layers.regularization.GaussianNoise;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class AutoencoderTest {

    /** n samples near a rank-r subspace of R^d: latent factors of decreasing scale, a random mixing, isotropic noise. */
    private static double[][] lowRank(int n, int d, double[] scales, double noise, long seed) {
        Random r = new Random(seed);
        double[][] mixing = new double[scales.length][d];
        for (double[] row : mixing) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < scales.length; f++) {
                double z = r.nextGaussian() * scales[f];
                for (int j = 0; j < d; j++) {
                    x[i][j] += z * mixing[f][j];
                }
            }
            for (int j = 0; j < d; j++) {
                x[i][j] += noise * r.nextGaussian() + 0.5 * j; // a non-zero mean, removed before training
            }
        }
        return x;
    }

    private static double[][] centred(double[][] x) {
        double[] m = HandLinearAlgebra.mean(x);
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
            for (int j = 0; j < m.length; j++) {
                c[i][j] -= m[j];
            }
        }
        return c;
    }

    private static INDArray floats(double[][] x) {
        return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    @Test
    void encoderAndDecoderRunWithTheWeightsTheAutoencoderTrained() {
        Keras.setRandomSeed(1);
        Autoencoder ae = Autoencoder.deep(8, 6, 3).withActivation("tanh").compile("adam", "mse");
        INDArray x = rand(2, 64, 8);
        INDArray before = ae.encode(x); // compiles the encoder before training: it must still follow
        History h = ae.fit(x, FitOptions.defaults().epochs(5).batchSize(16).verbose(0)
                .validationData(x, x).callbacks(new EarlyStopping("val_loss").withPatience(10)));
        assertTrue(h.has("val_loss"), "callbacks and validation reach the autoencoder's fit: " + h.history().keySet());

        List<INDArray> e1 = ae.model().getLayer("encoder_1").getWeights();
        List<INDArray> code = ae.model().getLayer("code").getWeights();
        List<INDArray> d1 = ae.model().getLayer("decoder_1").getWeights();
        List<INDArray> out = ae.model().getLayer("reconstruction").getWeights();
        // the hand computation from the trained weights, in Keras's layout: x kernel + bias
        INDArray z = Transforms.tanh(x.mmul(e1.get(0)).addRowVector(e1.get(1)), true).mmul(code.get(0))
                .addRowVector(code.get(1));
        INDArray encoded = ae.encode(x);
        assertArrayEquals(new long[] {64, 3}, encoded.shape());
        assertTrue(encoded.equalsWithEps(z, 1e-5), "encoder().predict = tanh(x W1 + b1) W2 + b2");
        assertFalse(encoded.equalsWithEps(before, 1e-4), "training moved the encoder's weights");
        INDArray r = Transforms.tanh(z.mmul(d1.get(0)).addRowVector(d1.get(1)), true).mmul(out.get(0))
                .addRowVector(out.get(1));
        assertTrue(ae.decode(z).equalsWithEps(r, 1e-5), "decoder().predict = tanh(z W3 + b3) W4 + b4");
        assertTrue(ae.reconstruct(x).equalsWithEps(r, 1e-5), "the autoencoder is the decoder after the encoder");
        assertSame(ae.encoderLayers().get(1), ae.encoder().getLayer("code"));
        assertSame(ae.decoderLayers().get(1), ae.decoder().getLayer("reconstruction"));

        INDArray err = ae.reconstructionError(x);
        INDArray diff = x.castTo(DataType.DOUBLE).sub(r.castTo(DataType.DOUBLE));
        for (int i = 0; i < 64; i++) {
            INDArray row = diff.getRow(i);
            assertEquals(row.mul(row).sumNumber().doubleValue() / 8, err.getDouble(i), 1e-6, "mse of sample " + i);
        }
    }

    /**
     * A linear autoencoder trained on centred data near a 3-D subspace: its reconstruction error
     * is within 5 % of PCA's (an eigen-decomposition of the covariance, written out here) for the
     * same k, and its decoder spans the same subspace as the top-3 principal directions.
     */
    @Test
    void theLinearAutoencoderLearnsThePcaSubspace() {
        int d = 12;
        int k = 3;
        double[][] c = centred(lowRank(600, d, new double[] {2, 1.5, 1}, 0.5, 5));
        HandLinearAlgebra.Eigen eig = HandLinearAlgebra.symmetricEigen(HandLinearAlgebra.covariance(c));
        double[][] u = eig.top(k);
        double pcaError = HandLinearAlgebra.projectionError(c, u);

        Keras.setRandomSeed(3);
        Autoencoder ae = Autoencoder.linear(d, k).compile(new Adam(0.02), "mse");
        INDArray x = floats(c);
        long t0 = System.nanoTime();
        // Adam's steps at a fixed rate keep the weights jittering about the optimum: decay the rate
        ae.fit(x, FitOptions.defaults().epochs(80).batchSize(32).verbose(0)
                .callbacks(new LearningRateScheduler((epoch, lr) -> epoch < 20 ? lr : lr * 0.95)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double aeError = ae.reconstructionError(x).meanNumber().doubleValue();
        double[][] v = ae.decoderMatrix().castTo(DataType.DOUBLE).toDoubleMatrix(); // [d, k]
        double[] angles = HandLinearAlgebra.principalAngles(v, u);
        System.out.printf("linear AE %.5f vs PCA %.5f (ratio %.4f), principal angles %s rad, %.1f s%n", aeError,
                pcaError, aeError / pcaError, java.util.Arrays.toString(angles), seconds);
        assertTrue(aeError >= pcaError * (1 - 1e-3), "PCA is the best rank-" + k + " reconstruction: AE " + aeError
                + " vs PCA " + pcaError);
        assertTrue(aeError <= pcaError * 1.05, "AE " + aeError + " within 5% of PCA " + pcaError);
        for (double a : angles) {
            assertTrue(a < 0.05, "principal angles between the decoder and the PCA subspace near 0: " 
                    + java.util.Arrays.toString(angles));
        }
    }

    /**
     * Data on a 2-D subspace of R^20 and an overcomplete code: trained on clean input, the
     * autoencoder passes noise through; with a GaussianNoise input layer (noisy input, clean
     * target) it learns to remove most of it.
     */
    @Test
    void theDenoisingVariantTrainsOnNoisyInputAgainstCleanTargets() {
        int d = 20;
        double sigma = 0.3;
        double[][] clean = centred(lowRank(800, d, new double[] {2, 1}, 0, 7));
        INDArray x = floats(clean);
        INDArray noisy = Autoencoder.addNoise(x, sigma, 11);

        Keras.setRandomSeed(5);
        Autoencoder plain = Autoencoder.deep(d, 32).compile(new Adam(0.01), "mse");
        plain.fit(x, FitOptions.defaults().epochs(30).batchSize(32).verbose(0));
        Keras.setRandomSeed(5);
        Autoencoder denoising = Autoencoder.deep(d, 32).denoising(sigma).compile(new Adam(0.01), "mse");
        assertEquals(sigma, denoising.noiseStddev());
        assertTrue(denoising.model().layers().stream().anyMatch(l -> l instanceof GaussianNoise));
        History h = denoising.fit(x, FitOptions.defaults().epochs(30).batchSize(32).verbose(0));

        double noiseMse = Autoencoder.meanSquaredError(noisy, x).meanNumber().doubleValue(); // about sigma^2
        double plainMse = Autoencoder.meanSquaredError(plain.reconstruct(noisy), x).meanNumber().doubleValue();
        double denoisedMse = Autoencoder.meanSquaredError(denoising.reconstruct(noisy), x).meanNumber().doubleValue();
        double trainLoss = h.get("loss").get(h.get("loss").size() - 1);
        double cleanLoss = denoising.reconstructionError(x).meanNumber().doubleValue();
        System.out.printf("noise %.4f, plain %.4f, denoising %.4f; denoising train loss %.4f vs clean %.4f%n", noiseMse,
                plainMse, denoisedMse, trainLoss, cleanLoss);
        assertTrue(trainLoss > 2 * cleanLoss, "the training loss is measured on noisy input (" + trainLoss
                + "), the noise is off in predict (" + cleanLoss + ")");
        assertTrue(denoisedMse < 0.5 * noiseMse, "denoising removes most of the noise: " + denoisedMse + " vs " + noiseMse);
        assertTrue(denoisedMse < 0.5 * plainMse, "and far more than the plain autoencoder: " + denoisedMse + " vs "
                + plainMse);

        // the other recipe: fixed noisy copies as input, the clean samples as target
        Keras.setRandomSeed(5);
        Autoencoder copies = Autoencoder.deep(d, 32).compile(new Adam(0.01), "mse");
        copies.fit(Autoencoder.addNoise(x, sigma, 13), x, FitOptions.defaults().epochs(30).batchSize(32).verbose(0));
        double copiesMse = Autoencoder.meanSquaredError(copies.reconstruct(noisy), x).meanNumber().doubleValue();
        assertTrue(copiesMse < 0.5 * noiseMse, "noisy copies train a denoiser too: " + copiesMse + " vs " + noiseMse);
    }

    @Test
    void theConvolutionalAutoencoderHasKerasShapesAndSharedSubModels() {
        Keras.setRandomSeed(9);
        Autoencoder ae = Autoencoder.conv(8, 8, 1, 4, 2).withOutputActivation("sigmoid").compile("adam", "mse");
        assertEquals(org.keras4j.Shape.of(2, 2, 2), ae.codeShape());
        INDArray x = rand(3, 32, 8, 8, 1);
        History h = ae.fit(x, FitOptions.defaults().epochs(8).batchSize(8).verbose(0));
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss falls: " + loss);
        INDArray z = ae.encode(x);
        assertArrayEquals(new long[] {32, 2, 2, 2}, z.shape());
        INDArray r = ae.reconstruct(x);
        assertArrayEquals(new long[] {32, 8, 8, 1}, r.shape());
        assertTrue(ae.decode(z).equalsWithEps(r, 1e-5), "decode(encode(x)) = reconstruct(x)");
        assertThrows(IllegalArgumentException.class, () -> Autoencoder.conv(28, 28, 1, 16, 8, 4),
                "28 is not divisible by 8");
    }

    /** The course's AutoEncoder(2, 1): W = [1/√2, 1/√2] set by hand, z = W x, x̂ = Wᵀ z. */
    @Test
    void theMatrixViewOfTheCoursesTwoToOneAutoencoder() {
        Autoencoder ae = Autoencoder.linear(2, 1).compile("sgd", "mse");
        double s = 1 / Math.sqrt(2);
        INDArray w = Nd4j.createFromArray(new double[][] {{s, s}});
        ae.setMatrices(w, w.transpose());
        assertTrue(ae.encoderMatrix().castTo(DataType.DOUBLE).equalsWithEps(w, 1e-7));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 1}, {1, -1}, {2, 0}, {-3, -1}});
        INDArray z = ae.encode(x);
        double[] expected = {Math.sqrt(2), 0, Math.sqrt(2), -4 * s};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], z.getDouble(i, 0), 1e-6, "z = W x of row " + i);
        }
        double[][] back = ae.decode(z).toDoubleMatrix();
        double[][] projected = {{1, 1}, {0, 0}, {1, 1}, {-2, -2}};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(projected[i], back[i], 1e-6, "x̂ = Wᵀ W x projects onto the diagonal");
        }
        assertEquals(1.0, ae.reconstructionError(x).getDouble(2), 1e-6, "(2,0) -> (1,1): ((2-1)^2 + (0-1)^2) / 2");
        assertThrows(IllegalArgumentException.class, () -> ae.setMatrices(w.transpose(), w));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.linear(4, 5));
        assertTrue(e.getMessage().contains("codeSize") && e.getMessage().contains("5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.deep(4));
        assertTrue(e.getMessage().contains("units"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.linear(4, 2).denoising(-1));
        assertTrue(e.getMessage().contains("stddev") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.linear(4, 2).withActivation("relu"));
        assertTrue(e.getMessage().contains("linear"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.deep(4, 2).encoderMatrix());
        assertTrue(e.getMessage().contains("DEEP"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.meanSquaredError(Nd4j.zeros(2, 3),
                Nd4j.zeros(3, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        List<Layer> layers = Autoencoder.deep(10, 8, 4).decoderLayers();
        assertEquals(List.of("decoder_1", "reconstruction"), layers.stream().map(Layer::name).toList());
    }
}
