package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J's L1/L2 score and gradient against Keras's penalty {@code l1*sum|w| + l2*sum(w^2)}. */
class Dl4jRegularizersTest {
    private static final double[] W = {0.5, -1.5, 2.0, -0.25, 3.0};

    private static double kerasPenalty(Regularizer r, double[] w) {
        double s = 0;
        for (double v : w) {
            s += r.l1() * Math.abs(v) + r.l2() * v * v;
        }
        return s;
    }

    private static double dl4jScore(List<Regularization> regs, INDArray w) {
        double s = 0;
        for (Regularization r : regs) {
            s += r.score(w, 0, 0);
        }
        return s;
    }

    @Test
    void score_equalsKerasPenalty() {
        INDArray w = Nd4j.createFromArray(W.clone());
        for (Regularizer r : List.of(Regularizers.l1(0.03), Regularizers.l2(0.02), Regularizers.l1l2(0.01, 0.05))) {
            assertEquals(kerasPenalty(r, W), dl4jScore(Dl4jRegularizers.toDl4j(r), w), 1e-12, r.toString());
        }
    }

    @Test
    void gradient_equalsNumericDerivativeOfKerasPenalty() {
        Regularizer r = Regularizers.l1l2(0.01, 0.05);
        INDArray w = Nd4j.createFromArray(W.clone());
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, W.length);
        for (Regularization reg : Dl4jRegularizers.toDl4j(r)) {
            assertEquals(Regularization.ApplyStep.BEFORE_UPDATER, reg.applyStep(), "penalty gradients join the loss gradient");
            reg.apply(w, grad, 0.1, 0, 0);
        }
        double h = 1e-6;
        double[] numeric = new double[W.length];
        for (int i = 0; i < W.length; i++) {
            double[] plus = W.clone();
            double[] minus = W.clone();
            plus[i] += h;
            minus[i] -= h;
            numeric[i] = (kerasPenalty(r, plus) - kerasPenalty(r, minus)) / (2 * h);
        }
        assertArrayEquals(numeric, grad.toDoubleVector(), 1e-8);
        assertArrayEquals(W, w.toDoubleVector(), 0.0, "parameters untouched");
    }

    @Test
    void inNetwork_regularizationScoreEqualsKerasKernelPenalty() {
        Regularizer r = Regularizers.l1l2(0.02, 0.03);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(3).activation(Activation.IDENTITY)
                        .regularization(Dl4jRegularizers.toDl4j(r)).biasInit(0.7).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        double expected = kerasPenalty(r, net.getParam("0_W").dup().reshape(-1).toDoubleVector());
        assertTrue(expected > 0);
        assertEquals(expected, net.calcRegularizationScore(true), 1e-12, "kernel only: the bias has no regularizer");
    }

    @Test
    void toDl4j_nullOrZero_isEmpty() {
        assertTrue(Dl4jRegularizers.toDl4j(null).isEmpty());
        assertTrue(Dl4jRegularizers.toDl4j(Regularizers.l1l2(0, 0)).isEmpty());
        assertEquals(1, Dl4jRegularizers.toDl4j(Regularizers.l2(0.01)).size());
    }
}
