package org.keras4j.internal.dl4j.jvm;

import org.keras4j.internal.dl4j.losses.BinaryCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.CategoricalCrossentropyLoss;
import org.keras4j.internal.dl4j.losses.MeanAbsoluteErrorLoss;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.keras4j.internal.dl4j.losses.SparseCategoricalCrossentropyLoss;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The losses a {@link DenseStack} computes on the JVM, each with the score and pre-activation
 * gradient of the DL4J loss keras4j's translator gives the output layer: mean squared error
 * ({@code LossMSE}), mean absolute error ({@code MeanAbsoluteErrorLoss}), binary cross-entropy on
 * probabilities or logits ({@code BinaryCrossentropyLoss}), categorical cross-entropy after a
 * softmax ({@code LossMCXENT}) or from logits ({@code CategoricalCrossentropyLoss}), and the
 * same with class indices ({@code LossSparseMCXENT}, {@code SparseCategoricalCrossentropyLoss}).
 * Outputs are row-major {@code [rows, cols]} floats, one row per example; labels {@code [rows, cols]},
 * or {@code [rows, 1]} class indices for the sparse losses; scores are summed in double.
 *
 * <pre>{@code
 * JvmLoss loss = JvmLoss.of(outputLayerConf.getLossFn(), JvmActivation.SIGMOID);
 * double sum = loss.sumOfScores(a, y, rows, cols);
 * loss.gradient(JvmActivation.SIGMOID, z, a, y, dLdz, rows, cols);
 * }</pre>
 */
sealed interface JvmLoss {

    /** The sum over the rows of each example's loss. */
    double sumOfScores(float[] a, float[] y, int rows, int cols);

    /** dL/dz of each example's loss (not averaged over examples) into {@code out}. */
    void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out, int rows, int cols);

    /** The width of a label row for {@code cols} outputs: {@code cols}, or 1 for class indices. */
    default int labelWidth(int cols) {
        return cols;
    }

    /**
     * True when this loss computes DL4J's result for these labels; false sends the step to DL4J
     * (class indices that are not whole numbers in {@code [0, cols)}, which DL4J's one-hot
     * encoding treats in its own way).
     */
    default boolean takes(float[] y, int rows, int cols) {
        return true;
    }

    /**
     * The JVM form of an output layer's loss after {@code activation}, or null when there is
     * none (class weights, other losses, or a combination DL4J's loss treats differently).
     */
    static JvmLoss of(ILossFunction loss, JvmActivation activation) {
        ILossFunction inner = loss instanceof OutputLayerLoss wrapped ? wrapped.getLoss() : loss;
        Class<?> type = inner.getClass();
        boolean softmax = activation == JvmActivation.SOFTMAX;
        if (type == LossMSE.class && ((LossMSE) inner).getWeights() == null) {
            return new MeanSquared();
        } else if (type == MeanAbsoluteErrorLoss.class) {
            return new MeanAbsolute();
        } else if (type == BinaryCrossentropyLoss.class) {
            BinaryCrossentropyLoss bce = (BinaryCrossentropyLoss) inner;
            return new BinaryCrossentropy(bce.getLabelSmoothing(), bce.isFromLogits());
        } else if (type == LossMCXENT.class && ((LossMCXENT) inner).getWeights() == null && softmax) {
            return new SoftmaxCrossentropy(((LossMCXENT) inner).getSoftmaxClipEps());
        } else if (type == LossSparseMCXENT.class && ((LossSparseMCXENT) inner).getWeights() == null && softmax) {
            return new SparseSoftmaxCrossentropy(((LossSparseMCXENT) inner).getSoftmaxClipEps());
        } else if (type == CategoricalCrossentropyLoss.class && ((CategoricalCrossentropyLoss) inner).isFromLogits()
                && activation == JvmActivation.IDENTITY) {
            return new LogitsCrossentropy(false, ((CategoricalCrossentropyLoss) inner).getLabelSmoothing());
        } else if (type == SparseCategoricalCrossentropyLoss.class
                && ((SparseCategoricalCrossentropyLoss) inner).isFromLogits() && activation == JvmActivation.IDENTITY) {
            return new LogitsCrossentropy(true, 0.0);
        }
        return null;
    }

    /** True when every row of {@code y} holds a whole number in {@code [0, cols)}. */
    private static boolean classIndices(float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double v = y[r];
            if (!(v >= 0 && v < cols) || v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    /** DL4J's {@code LossMSE}: the mean over outputs of {@code (a - y)^2}. */
    record MeanSquared() implements JvmLoss {
        @Override
        public double sumOfScores(float[] a, float[] y, int rows, int cols) {
            double sum = 0.0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double d = (double) a[i] - y[i];
                sum += d * d;
            }
            return sum / cols;
        }

        @Override
        public void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out,
                             int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = (float) (2.0 * (a[i] - y[i]) / cols);
            }
            activation.backward(z, a, out, rows, cols);
        }
    }

    /**
     * keras4j's {@code MeanAbsoluteErrorLoss}: the mean over outputs of {@code |a - y|}, gradient
     * {@code sign(a - y) / k} (0 where they are equal) through the activation.
     */
    record MeanAbsolute() implements JvmLoss {
        @Override
        public double sumOfScores(float[] a, float[] y, int rows, int cols) {
            double sum = 0.0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                sum += Math.abs((double) a[i] - y[i]);
            }
            return sum / cols;
        }

        @Override
        public void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out,
                             int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = (float) (Math.signum(a[i] - y[i]) / cols);
            }
            activation.backward(z, a, out, rows, cols);
        }
    }

    /**
     * keras4j's {@code BinaryCrossentropyLoss}, targets {@code y (1 - s) + s / 2}. On
     * probabilities: Keras's clip to {@code [1e-7, 1 - 1e-7]}; after a sigmoid the exact gradient
     * {@code (a - t) / k}, else the chain rule with a zero slope where the clip holds. From logits
     * (the activation's output): {@code max(a, 0) - a t + log(1 + exp(-|a|))}, gradient
     * {@code (sigmoid(a) - t) / k} through the activation.
     */
    record BinaryCrossentropy(double labelSmoothing, boolean fromLogits) implements JvmLoss {
        private double target(double y) {
            return labelSmoothing > 0 ? y * (1 - labelSmoothing) + 0.5 * labelSmoothing : y;
        }

        @Override
        public double sumOfScores(float[] a, float[] y, int rows, int cols) {
            double sum = 0.0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double t = target(y[i]);
                if (fromLogits) {
                    double x = a[i];
                    sum += Math.max(x, 0.0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
                } else {
                    double p = Math.min(Math.max(a[i], Loss.EPSILON), 1 - Loss.EPSILON);
                    sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
                }
            }
            return sum / cols;
        }

        @Override
        public void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out,
                             int rows, int cols) {
            boolean sigmoid = !fromLogits && activation == JvmActivation.SIGMOID;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double p = a[i];
                double t = target(y[i]);
                if (sigmoid) {
                    out[i] = (float) ((p - t) / cols);
                } else if (fromLogits) {
                    out[i] = (float) ((1.0 / (1.0 + Math.exp(-p)) - t) / cols);
                } else {
                    boolean inside = p > Loss.EPSILON && p < 1 - Loss.EPSILON;
                    out[i] = (float) (inside ? (p - t) / (p * (1 - p)) / cols : 0.0);
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
        public double sumOfScores(float[] a, float[] y, int rows, int cols) {
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
        public void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out,
                             int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = (float) (a[i] - y[i]);
            }
        }
    }

    /**
     * DL4J's {@code LossSparseMCXENT} after a softmax: {@link SoftmaxCrossentropy} with the label
     * {@code [rows, 1]} a class index, one-hot encoded.
     */
    record SparseSoftmaxCrossentropy(double clipEpsilon) implements JvmLoss {
        @Override
        public int labelWidth(int cols) {
            return 1;
        }

        @Override
        public boolean takes(float[] y, int rows, int cols) {
            return classIndices(y, rows, cols);
        }

        @Override
        public double sumOfScores(float[] a, float[] y, int rows, int cols) {
            double sum = 0.0;
            for (int r = 0; r < rows; r++) {
                double p = a[r * cols + (int) y[r]];
                sum -= Math.log(clipEpsilon > 0 ? Math.min(Math.max(p, clipEpsilon), 1 - clipEpsilon) : p);
            }
            return sum;
        }

        @Override
        public void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out,
                             int rows, int cols) {
            System.arraycopy(a, 0, out, 0, rows * cols);
            for (int r = 0; r < rows; r++) {
                out[r * cols + (int) y[r]] -= 1f;
            }
        }
    }

    /**
     * keras4j's {@code CategoricalCrossentropyLoss} and {@code SparseCategoricalCrossentropyLoss}
     * from logits (the output layer linear): {@code -sum(t log_softmax(a))} with targets
     * {@code y (1 - s) + s / k} (or the one-hot class index), gradient
     * {@code softmax(a) sum(t) - t}.
     */
    record LogitsCrossentropy(boolean sparse, double labelSmoothing) implements JvmLoss {
        @Override
        public int labelWidth(int cols) {
            return sparse ? 1 : cols;
        }

        @Override
        public boolean takes(float[] y, int rows, int cols) {
            return !sparse || classIndices(y, rows, cols);
        }

        private double target(float[] y, int r, int c, int cols) {
            double t = sparse ? (c == (int) y[r] ? 1.0 : 0.0) : y[r * cols + c];
            return labelSmoothing > 0 ? t * (1 - labelSmoothing) + labelSmoothing / cols : t;
        }

        @Override
        public double sumOfScores(float[] a, float[] y, int rows, int cols) {
            double sum = 0.0;
            for (int r = 0; r < rows; r++) {
                int start = r * cols;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, a[start + c]);
                }
                double total = 0.0;
                for (int c = 0; c < cols; c++) {
                    total += Math.exp(a[start + c] - max);
                }
                double logTotal = Math.log(total) + max;
                for (int c = 0; c < cols; c++) {
                    sum -= target(y, r, c, cols) * (a[start + c] - logTotal);
                }
            }
            return sum;
        }

        @Override
        public void gradient(JvmActivation activation, float[] z, float[] a, float[] y, float[] out,
                             int rows, int cols) {
            JvmActivation.SOFTMAX.forward(a, out, rows, cols);
            for (int r = 0; r < rows; r++) {
                int start = r * cols;
                double total = 0.0;
                for (int c = 0; c < cols; c++) {
                    total += target(y, r, c, cols);
                }
                for (int c = 0; c < cols; c++) {
                    out[start + c] = (float) (out[start + c] * total - target(y, r, c, cols));
                }
            }
        }
    }
}
