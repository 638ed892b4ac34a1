package org.keras4j.internal.dl4j.jvm;

import org.keras4j.internal.dl4j.losses.BinaryCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The losses a {@link DenseStack} computes on the JVM, each with the score and pre-activation
 * gradient of the DL4J loss keras4j's translator gives the output layer: mean squared error
 * ({@code LossMSE}), binary cross-entropy on probabilities ({@code BinaryCrossentropyLoss}) and
 * categorical cross-entropy after a softmax ({@code LossMCXENT}). Arrays are row-major
 * {@code [rows, cols]}, one row per example.
 *
 * <pre>{@code
 * JvmLoss loss = JvmLoss.of(outputLayerConf.getLossFn(), JvmActivation.SIGMOID);
 * double sum = loss.sumOfScores(a, y, rows, cols);
 * loss.gradient(JvmActivation.SIGMOID, z, a, y, dLdz, rows, cols);
 * }</pre>
 */
sealed interface JvmLoss {

    /** The sum over the rows of each example's loss. */
    double sumOfScores(double[] a, double[] y, int rows, int cols);

    /** dL/dz of each example's loss (not averaged over examples) into {@code out}. */
    void gradient(JvmActivation activation, double[] z, double[] a, double[] y, double[] out, int rows, int cols);

    /**
     * The JVM form of an output layer's loss after {@code activation}, or null when there is
     * none (weights, logits, other losses, or a combination DL4J's loss treats differently).
     */
    static JvmLoss of(ILossFunction loss, JvmActivation activation) {
        ILossFunction inner = loss instanceof OutputLayerLoss wrapped ? wrapped.getLoss() : loss;
        if (inner instanceof LossMSE mse && mse.getWeights() == null) {
            return new MeanSquared();
        } else if (inner instanceof BinaryCrossentropyLoss bce && !bce.isFromLogits()
                && inner.getClass() == BinaryCrossentropyLoss.class) {
            return new BinaryCrossentropy(bce.getLabelSmoothing());
        } else if (inner instanceof LossMCXENT ce && inner.getClass() == LossMCXENT.class
                && ce.getWeights() == null && activation == JvmActivation.SOFTMAX) {
            return new SoftmaxCrossentropy(ce.getSoftmaxClipEps());
        }
        return null;
    }

    /** DL4J's {@code LossMSE}: the mean over outputs of {@code (a - y)^2}. */
    record MeanSquared() implements JvmLoss {
        @Override
        public double sumOfScores(double[] a, double[] y, int rows, int cols) {
            double sum = 0.0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double d = a[i] - y[i];
                sum += d * d;
            }
            return sum / cols;
        }

        @Override
        public void gradient(JvmActivation activation, double[] z, double[] a, double[] y, double[] out,
                             int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = 2.0 * (a[i] - y[i]) / cols;
            }
            activation.backward(z, a, out, rows, cols);
        }
    }

    /**
     * keras4j's {@code BinaryCrossentropyLoss} on probabilities: Keras's clip to
     * {@code [1e-7, 1 - 1e-7]}, targets {@code y (1 - s) + s / 2}; after a sigmoid the exact
     * gradient {@code (a - t) / k}, else the chain rule with a zero slope where the clip holds.
     */
    record BinaryCrossentropy(double labelSmoothing) implements JvmLoss {
        private double target(double y) {
            return labelSmoothing > 0 ? y * (1 - labelSmoothing) + 0.5 * labelSmoothing : y;
        }

        @Override
        public double sumOfScores(double[] a, double[] y, int rows, int cols) {
            double sum = 0.0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double p = Math.min(Math.max(a[i], Loss.EPSILON), 1 - Loss.EPSILON);
                double t = target(y[i]);
                sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
            }
            return sum / cols;
        }

        @Override
        public void gradient(JvmActivation activation, double[] z, double[] a, double[] y, double[] out,
                             int rows, int cols) {
            boolean sigmoid = activation == JvmActivation.SIGMOID;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double p = a[i];
                double t = target(y[i]);
                if (sigmoid) {
                    out[i] = (p - t) / cols;
                } else {
                    boolean inside = p > Loss.EPSILON && p < 1 - Loss.EPSILON;
                    out[i] = inside ? (p - t) / (p * (1 - p)) / cols : 0.0;
                }
            }
            if (!sigmoid) {
                activation.backward(z, a, out, rows, cols);
            }
        }
    }

    /**
     * DL4J's {@code LossMCXENT} after a softmax: {@code -sum(y log(clip(a, eps, 1 - eps)))} per
     * example, gradient {@code a - y}.
     */
    record SoftmaxCrossentropy(double clipEpsilon) implements JvmLoss {
        @Override
        public double sumOfScores(double[] a, double[] y, int rows, int cols) {
            double sum = 0.0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                if (y[i] != 0.0) {
                    double p = clipEpsilon > 0 ? Math.min(Math.max(a[i], clipEpsilon), 1 - clipEpsilon) : a[i];
                    sum -= y[i] * Math.log(p);
                }
            }
            return sum;
        }

        @Override
        public void gradient(JvmActivation activation, double[] z, double[] a, double[] y, double[] out,
                             int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = a[i] - y[i];
            }
        }
    }
}
