package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.internal.dl4j.updaters.DecoupledWeightDecay;
import org.keras4j.internal.dl4j.updaters.KerasAdagrad;
import org.keras4j.internal.dl4j.updaters.KerasUpdater;
import org.keras4j.optimizers.Adadelta;
import org.keras4j.optimizers.Adagrad;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.AdamW;
import org.keras4j.optimizers.Adamax;
import org.keras4j.optimizers.Nadam;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.RMSprop;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Each optimizer's DL4J updater, driven directly for three steps, against Keras's update rule
 * written out by hand in double precision (keras/src/optimizers/*.py).
 */
class Dl4jUpdatersTest {
    private static final double[] W0 = {1.0, -2.0, 0.5, 0.0};
    private static final double[][] GRADS = {{0.5, -1.0, 2.0, 0.0}, {0.1, 0.3, -0.7, 1e-3}, {-0.4, 0.8, 0.05, -2.0}};
    private static final double TOL = 1e-12;

    /** Runs DL4J's updater as UpdaterBlock does: update, post-update regularization, then params -= update. */
    private static double[] dl4j(Optimizer optimizer) {
        IUpdater updater = Dl4jUpdaters.toDl4j(optimizer);
        List<Regularization> decay = Dl4jUpdaters.weightDecay(optimizer);
        int n = W0.length;
        long stateSize = updater.stateSize(n);
        GradientUpdater gu = updater.instantiate(stateSize == 0 ? null : Nd4j.zeros(DataType.DOUBLE, 1, stateSize), true);
        INDArray w = Nd4j.createFromArray(W0.clone());
        for (int t = 0; t < GRADS.length; t++) {
            INDArray g = Nd4j.createFromArray(GRADS[t].clone());
            gu.applyUpdater(g, t, 0);
            for (Regularization r : decay) {
                r.apply(w, g, updater.getLearningRate(t, 0), t, 0);
            }
            w.subi(g);
        }
        return w.toDoubleVector();
    }

    private static void assertKeras(double[] keras, Optimizer optimizer) {
        double[] actual = dl4j(optimizer);
        assertArrayEquals(keras, actual, TOL, optimizer.toString());
        // a useful test moves every weight that has a gradient
        assertTrue(Math.abs(keras[0] - W0[0]) > 1e-3, "weights should move");
    }

    @Test
    void sgd_plain_matchesKeras() {
        double lr = 0.1;
        double[] w = W0.clone();
        for (double[] g : GRADS) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        }
        assertKeras(w, new SGD(lr));
    }

    @Test
    void sgd_momentum_matchesKeras() {
        double lr = 0.1;
        double mu = 0.9;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        for (double[] g : GRADS) {
            for (int i = 0; i < w.length; i++) {
                m[i] = mu * m[i] - lr * g[i];
                w[i] += m[i];
            }
        }
        assertKeras(w, new SGD(lr, mu));
    }

    @Test
    void sgd_nesterov_matchesKeras() {
        double lr = 0.1;
        double mu = 0.8;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        for (double[] g : GRADS) {
            for (int i = 0; i < w.length; i++) {
                m[i] = mu * m[i] - lr * g[i];
                w[i] += mu * m[i] - lr * g[i];
            }
        }
        assertKeras(w, new SGD(lr, mu, true));
    }

    /** Keras's Adam (amsgrad optional) after an optional decoupled weight decay. */
    private static double[] kerasAdam(double lr, double b1, double b2, double eps, boolean amsgrad, double wd) {
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] vHat = new double[w.length];
        for (int t = 1; t <= GRADS.length; t++) {
            double[] g = GRADS[t - 1];
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < w.length; i++) {
                w[i] -= w[i] * wd * lr;
                m[i] += (g[i] - m[i]) * (1 - b1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
                vHat[i] = Math.max(vHat[i], v[i]);
                w[i] -= m[i] * alpha / (Math.sqrt(amsgrad ? vHat[i] : v[i]) + eps);
            }
        }
        return w;
    }

    @Test
    void adam_matchesKeras() {
        assertKeras(kerasAdam(0.1, 0.8, 0.9, 1e-3, false, 0), new Adam(0.1, 0.8, 0.9, 1e-3));
    }

    @Test
    void adam_amsgrad_matchesKeras() {
        // beta2 = 0.5 makes v shrink on the third step, so vHat differs from v
        double[] keras = kerasAdam(0.1, 0.8, 0.5, 1e-3, true, 0);
        assertKeras(keras, new Adam(0.1, 0.8, 0.5, 1e-3, true));
        assertTrue(Math.abs(keras[2] - kerasAdam(0.1, 0.8, 0.5, 1e-3, false, 0)[2]) > 1e-4, "amsgrad should matter here");
    }

    @Test
    void adamW_matchesKerasDecoupledDecay() {
        double[] keras = kerasAdam(0.1, 0.9, 0.999, 1e-7, false, 0.3);
        assertKeras(keras, new AdamW(0.1, 0.3));
        assertTrue(Math.abs(keras[0] - kerasAdam(0.1, 0.9, 0.999, 1e-7, false, 0)[0]) > 1e-3, "decay should matter here");
    }

    private static double[] kerasRmsprop(double lr, double rho, double momentum, double eps, boolean centered) {
        double[] w = W0.clone();
        double[] v = new double[w.length];
        double[] mom = new double[w.length];
        double[] avg = new double[w.length];
        for (double[] g : GRADS) {
            for (int i = 0; i < w.length; i++) {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                double denominator;
                if (centered) {
                    avg[i] = rho * avg[i] + (1 - rho) * g[i];
                    denominator = v[i] - avg[i] * avg[i] + eps;
                } else {
                    denominator = v[i] + eps;
                }
                double increment = lr * g[i] / Math.sqrt(denominator);
                if (momentum > 0) {
                    mom[i] = momentum * mom[i] + increment;
                    w[i] -= mom[i];
                } else {
                    w[i] -= increment;
                }
            }
        }
        return w;
    }

    @Test
    void rmsprop_matchesKeras() {
        assertKeras(kerasRmsprop(0.01, 0.9, 0.0, 1e-7, false), new RMSprop(0.01));
    }

    @Test
    void rmsprop_momentumCentered_matchesKeras() {
        assertKeras(kerasRmsprop(0.01, 0.8, 0.5, 1e-3, true), new RMSprop(0.01, 0.8, 0.5, 1e-3, true));
    }

    @Test
    void rmsprop_momentumOnly_matchesKeras() {
        assertKeras(kerasRmsprop(0.01, 0.8, 0.5, 1e-3, false), new RMSprop(0.01, 0.8, 0.5, 1e-3, false));
    }

    @Test
    void adagrad_matchesKeras() {
        double lr = 0.1;
        double eps = 1e-3;
        double[] w = W0.clone();
        double[] acc = new double[w.length];
        java.util.Arrays.fill(acc, 0.2);
        for (double[] g : GRADS) {
            for (int i = 0; i < w.length; i++) {
                acc[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.sqrt(acc[i] + eps);
            }
        }
        assertKeras(w, new Adagrad(lr, 0.2, eps));
    }

    @Test
    void adadelta_matchesKeras() {
        double lr = 0.5;
        double rho = 0.9;
        double eps = 1e-3;
        double[] w = W0.clone();
        double[] accGrad = new double[w.length];
        double[] accDelta = new double[w.length];
        for (double[] g : GRADS) {
            for (int i = 0; i < w.length; i++) {
                accGrad[i] = rho * accGrad[i] + (1 - rho) * g[i] * g[i];
                double delta = -Math.sqrt(accDelta[i] + eps) * g[i] / Math.sqrt(accGrad[i] + eps);
                accDelta[i] = rho * accDelta[i] + (1 - rho) * delta * delta;
                w[i] += lr * delta;
            }
        }
        assertKeras(w, new Adadelta(lr, rho, eps));
    }

    @Test
    void adamax_matchesKeras() {
        double lr = 0.1;
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 0.5; // large, so an implementation ignoring it (as DL4J's AdaMax) fails
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] u = new double[w.length];
        for (int t = 1; t <= GRADS.length; t++) {
            double[] g = GRADS[t - 1];
            for (int i = 0; i < w.length; i++) {
                m[i] += (g[i] - m[i]) * (1 - b1);
                u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
                w[i] -= lr * m[i] / ((1 - Math.pow(b1, t)) * (u[i] + eps));
            }
        }
        assertKeras(w, new Adamax(lr, b1, b2, eps));
    }

    @Test
    void nadam_matchesKerasMomentumCacheSchedule() {
        double lr = 0.1;
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 1e-3;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double uProduct = 1.0;
        for (int t = 1; t <= GRADS.length; t++) {
            double[] g = GRADS[t - 1];
            uProduct *= b1 * (1 - 0.5 * Math.pow(0.96, t)); // Keras's _backend_update_step
            double uT = b1 * (1 - 0.5 * Math.pow(0.96, t));
            double uNext = b1 * (1 - 0.5 * Math.pow(0.96, t + 1));
            double uProductNext = uProduct * uNext;
            for (int i = 0; i < w.length; i++) {
                m[i] += (g[i] - m[i]) * (1 - b1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
                double mHat = uNext * m[i] / (1 - uProductNext) + (1 - uT) * g[i] / (1 - uProduct);
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= mHat * lr / (Math.sqrt(vHat) + eps);
            }
        }
        assertKeras(w, new Nadam(lr, b1, b2, eps));
    }

    @Test
    void nadam_restartedUpdater_continuesSchedule() {
        // a fresh GradientUpdater (as after MultiLayerNetwork.setLearningRate) at iteration 2 must
        // see the same momentum-cache product as one that ran steps 0 and 1
        IUpdater u = Dl4jUpdaters.toDl4j(new Nadam(0.1));
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, u.stateSize(W0.length));
        GradientUpdater running = u.instantiate(view, true);
        for (int t = 0; t < 2; t++) {
            running.applyUpdater(Nd4j.createFromArray(GRADS[t].clone()), t, 0);
        }
        INDArray viewCopy = view.dup();
        GradientUpdater restarted = u.instantiate(viewCopy, false);
        INDArray a = Nd4j.createFromArray(GRADS[2].clone());
        INDArray b = Nd4j.createFromArray(GRADS[2].clone());
        running.applyUpdater(a, 2, 0);
        restarted.applyUpdater(b, 2, 0);
        assertArrayEquals(a.toDoubleVector(), b.toDoubleVector(), TOL);
    }

    @Test
    void toDl4j_everyRegisteredOptimizer_hasAnUpdater() {
        for (String name : org.keras4j.optimizers.Optimizers.names()) {
            Optimizer optimizer = org.keras4j.optimizers.Optimizers.get(name);
            IUpdater u = Dl4jUpdaters.toDl4j(optimizer);
            assertEquals(optimizer.getLearningRate(), u.getLearningRate(0, 0), 0.0, name);
        }
    }

    private static MultiLayerNetwork network(IUpdater updater, GradientNormalization clipping, double threshold,
                                             List<Regularization> decay) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .gradientNormalization(clipping)
                .gradientNormalizationThreshold(threshold)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY)
                        .regularization(decay).regularizationBias(decay)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet oneSample() {
        return new DataSet(Nd4j.createFromArray(new double[][] {{3.0, -4.0, 12.0}}),
                Nd4j.createFromArray(new double[][] {{1.0, -1.0}}));
    }

    /** DL4J's gradient for one sample at the current parameters (the mean over a batch of one). */
    private static INDArray gradient(MultiLayerNetwork net, DataSet ds) {
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    @Test
    void setLearningRate_onNetwork_changesCustomUpdaterRate() {
        MultiLayerNetwork net = network(new KerasAdagrad(0.1, 0.1, 1e-7), GradientNormalization.None, 1.0, List.of());
        net.fit(oneSample());
        INDArray stateBefore = net.getUpdater().getStateViewArray().dup();

        net.setLearningRate(0.5);

        IUpdater layerUpdater = ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater();
        assertEquals(0.5, layerUpdater.getLearningRate(0, 0), 0.0);
        assertEquals(stateBefore, net.getUpdater().getStateViewArray(), "state must survive the rate change");
        // and the new rate drives the next step: w -= 0.5 * g / sqrt(acc + g^2 + eps)
        DataSet ds = oneSample();
        INDArray w0 = net.params().dup();
        INDArray g = gradient(net, ds);
        INDArray acc = stateBefore.reshape(g.shape()).add(g.mul(g));
        INDArray expected = w0.sub(g.mul(0.5).div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(acc.add(1e-7))));
        net.fit(ds);
        assertArrayEquals(expected.toDoubleVector(), net.params().toDoubleVector(), 1e-12);
    }

    @Test
    void adamW_inNetwork_decaysKernelAndBiasWithoutTouchingScore() {
        AdamW adamw = new AdamW(0.1, 0.5);
        MultiLayerNetwork net = network(Dl4jUpdaters.toDl4j(adamw), GradientNormalization.None, 1.0,
                Dl4jUpdaters.weightDecay(adamw));
        DataSet ds = oneSample();
        double[] w0 = net.params().toDoubleVector();
        double[] g = gradient(net, ds).toDoubleVector();
        assertEquals(0.0, net.calcRegularizationScore(true), 0.0, "Keras's weight decay adds nothing to the loss");

        net.fit(ds);

        // first Adam step: m = 0.1 g, v = 0.001 g^2, alpha = lr * sqrt(0.001) / 0.1
        double alpha = 0.1 * Math.sqrt(1 - 0.999) / (1 - 0.9);
        double[] params = net.params().toDoubleVector();
        for (int i = 0; i < w0.length; i++) {
            double expected = w0[i] - w0[i] * 0.5 * 0.1 - alpha * 0.1 * g[i] / (Math.sqrt(0.001 * g[i] * g[i]) + 1e-7);
            assertEquals(expected, params[i], 1e-12, "parameter " + i + " (biases are the last two)");
        }
    }

    @Test
    void clipnorm_inNetwork_clipsEachParameterArrayLikeKeras() {
        double clipnorm = 0.5;
        Optimizer sgd = new SGD(1.0).withClipnorm(clipnorm);
        MultiLayerNetwork net = network(Dl4jUpdaters.toDl4j(sgd), Dl4jUpdaters.gradientNormalization(sgd),
                Dl4jUpdaters.gradientNormalizationThreshold(sgd), List.of());
        DataSet ds = oneSample();
        INDArray w0 = net.params().dup();
        INDArray g = gradient(net, ds);
        // parameter order: kernel (3x2 = 6 values), then bias (2): Keras clips each variable by its own norm
        INDArray kernel = g.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6));
        INDArray bias = g.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 8));
        double kernelNorm = kernel.norm2Number().doubleValue();
        double biasNorm = bias.norm2Number().doubleValue();
        assertTrue(kernelNorm > clipnorm && biasNorm > clipnorm, "both arrays must need clipping: " + kernelNorm + ", " + biasNorm);
        INDArray expected = Nd4j.concat(0, kernel.mul(clipnorm / Math.max(kernelNorm, clipnorm)),
                bias.mul(clipnorm / Math.max(biasNorm, clipnorm)));

        net.fit(ds);

        assertArrayEquals(w0.sub(expected.reshape(w0.shape())).toDoubleVector(), net.params().toDoubleVector(), 1e-12);
    }

    @Test
    void clipvalue_inNetwork_clipsEachElement() {
        Optimizer sgd = new SGD(1.0).withClipvalue(0.25);
        MultiLayerNetwork net = network(Dl4jUpdaters.toDl4j(sgd), Dl4jUpdaters.gradientNormalization(sgd),
                Dl4jUpdaters.gradientNormalizationThreshold(sgd), List.of());
        DataSet ds = oneSample();
        double[] w0 = net.params().toDoubleVector();
        double[] g = gradient(net, ds).toDoubleVector();

        net.fit(ds);

        double[] params = net.params().toDoubleVector();
        for (int i = 0; i < w0.length; i++) {
            assertEquals(w0[i] - Math.max(-0.25, Math.min(0.25, g[i])), params[i], 1e-12);
        }
    }

    @Test
    void everyOptimizer_trainsAFloatNetwork() {
        // the networks keras4j builds are FLOAT: the updaters must run on float state and gradients
        DataSet ds = new DataSet(Nd4j.rand(DataType.FLOAT, 16, 3), Nd4j.rand(DataType.FLOAT, 16, 2));
        for (String name : org.keras4j.optimizers.Optimizers.names()) {
            Optimizer optimizer = org.keras4j.optimizers.Optimizers.get(name);
            optimizer.setLearningRate(name.equals("adadelta") ? 1.0 : 0.05);
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                    .updater(Dl4jUpdaters.toDl4j(optimizer)).list()
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY)
                            .regularization(Dl4jUpdaters.weightDecay(optimizer)).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            double before = net.score(ds);
            for (int i = 0; i < 20; i++) {
                net.fit(ds);
            }
            double after = net.score(ds);
            assertTrue(after < before, name + ": loss " + before + " -> " + after);
            assertEquals(DataType.FLOAT, net.getUpdater().getStateViewArray() == null ? DataType.FLOAT
                    : net.getUpdater().getStateViewArray().dataType(), name);
        }
    }

    @Test
    void customUpdaters_surviveDl4jJsonRoundTrip() {
        for (Optimizer optimizer : List.of(new SGD(0.1, 0.9), new RMSprop(0.01, 0.8, 0.5, 1e-3, true), new Adagrad(),
                new Adadelta(), new Adamax(), new Nadam(), new AdamW(), new Adam(0.01))) {
            IUpdater updater = Dl4jUpdaters.toDl4j(optimizer);
            List<Regularization> decay = Dl4jUpdaters.weightDecay(optimizer);
            MultiLayerConfiguration conf = network(updater, GradientNormalization.None, 1.0, decay).getLayerWiseConfigurations();
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
            BaseLayer layer = (BaseLayer) back.getConf(0).getLayer();
            assertEquals(updater, layer.getIUpdater(), optimizer.toString());
            assertEquals(decay, layer.getRegularization(), optimizer.toString());
            assertEquals(decay, layer.getRegularizationBias(), optimizer.toString());
        }
    }

    @Test
    void customUpdater_clone_isEqualAndIndependent() {
        KerasUpdater original = (KerasUpdater) Dl4jUpdaters.toDl4j(new Nadam(0.01));
        KerasUpdater copy = original.clone();
        assertEquals(original, copy);
        copy.setLrAndSchedule(0.5, null);
        assertEquals(0.01, original.getLearningRate(0, 0), 0.0);
        assertInstanceOf(DecoupledWeightDecay.class, Dl4jUpdaters.weightDecay(new Adam().withWeightDecay(0.1)).get(0));
    }
}
