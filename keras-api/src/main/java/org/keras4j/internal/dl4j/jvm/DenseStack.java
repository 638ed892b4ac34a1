package org.keras4j.internal.dl4j.jvm;

import java.util.Arrays;

/**
 * A stack of dense layers and a loss, computed on the JVM: forward pass, loss, and the
 * gradient of every parameter. Parameters are one flat array in DL4J's layout: per layer the
 * kernel {@code [nIn, nOut]} in column-major order, then the bias, if any. Inputs, outputs and
 * labels are row-major {@code [rows, width]}.
 *
 * <p>For a network this small, one native ND4J operation costs more than the arithmetic of a
 * whole training step (a 2-8-1 network at batch 4 does 96 multiply-adds per forward pass; an
 * ND4J matrix product costs 15-35 µs of dispatch), so plain loops are the fast path.
 *
 * <pre>{@code
 * DenseStack stack = new DenseStack(layers, JvmLoss.of(lossFn, JvmActivation.SIGMOID));
 * double lossSum = stack.gradient(params, x, y, rows, grad);
 * }</pre>
 */
final class DenseStack {

    /** One dense layer: its widths, where its kernel and bias start in the flat parameters (bias -1: none). */
    record DenseLayer(int nIn, int nOut, int kernelOffset, int biasOffset, JvmActivation activation) {
    }

    private final DenseLayer[] layers;
    private final JvmLoss loss;
    private int rows = -1;
    private double[][] z;
    private double[][] a;
    private double[][] grad;

    DenseStack(DenseLayer[] layers, JvmLoss loss) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("layers must not be empty");
        }
        this.layers = layers.clone();
        this.loss = loss;
    }

    int inputWidth() {
        return layers[0].nIn();
    }

    int outputWidth() {
        return layers[layers.length - 1].nOut();
    }

    /** Multiply-adds of one example's forward pass. */
    long multiplyAddsPerExample() {
        long n = 0;
        for (DenseLayer l : layers) {
            n += (long) l.nIn() * l.nOut();
        }
        return n;
    }

    /** The outputs for {@code x} in a new array; thread-safe. */
    double[] predict(double[] params, double[] x, int rows) {
        double[] in = x;
        for (DenseLayer l : layers) {
            double[] zl = new double[rows * l.nOut()];
            double[] al = new double[rows * l.nOut()];
            forward(l, params, in, zl, al, rows);
            in = al;
        }
        return in;
    }

    /**
     * A training step's forward and backward pass: {@code grad} (the length of {@code params})
     * receives the sum over the rows of each example's parameter gradient.
     *
     * @return the sum over the rows of each example's loss
     */
    double gradient(double[] params, double[] x, double[] y, int rows, double[] grad) {
        ensureRows(rows);
        double[] in = x;
        for (int l = 0; l < layers.length; l++) {
            forward(layers[l], params, in, z[l], a[l], rows);
            in = a[l];
        }
        int last = layers.length - 1;
        double lossSum = loss.sumOfScores(a[last], y, rows, layers[last].nOut());
        loss.gradient(layers[last].activation(), z[last], a[last], y, this.grad[last], rows, layers[last].nOut());
        Arrays.fill(grad, 0.0);
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            double[] input = l == 0 ? x : a[l - 1];
            parameterGradient(layer, input, this.grad[l], grad, rows);
            if (l > 0) {
                inputGradient(layer, params, this.grad[l], this.grad[l - 1], rows);
                layers[l - 1].activation().backward(z[l - 1], a[l - 1], this.grad[l - 1], rows, layers[l - 1].nOut());
            }
        }
        return lossSum;
    }

    /** The outputs of the last {@link #gradient} call, row-major {@code [rows, outputWidth]}. */
    double[] lastOutputs() {
        return a[layers.length - 1];
    }

    private void ensureRows(int rows) {
        if (rows == this.rows) {
            return;
        }
        z = new double[layers.length][];
        a = new double[layers.length][];
        grad = new double[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int n = rows * layers[l].nOut();
            z[l] = new double[n];
            a[l] = new double[n];
            grad[l] = new double[n];
        }
        this.rows = rows;
    }

    private static void forward(DenseLayer l, double[] p, double[] in, double[] z, double[] a, int rows) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        for (int r = 0; r < rows; r++) {
            int inRow = r * nIn;
            for (int o = 0; o < nOut; o++) {
                int w = l.kernelOffset() + o * nIn; // column o of the column-major kernel
                double s = l.biasOffset() < 0 ? 0.0 : p[l.biasOffset() + o];
                for (int i = 0; i < nIn; i++) {
                    s += in[inRow + i] * p[w + i];
                }
                z[r * nOut + o] = s;
            }
        }
        l.activation().forward(z, a, rows, nOut);
    }

    /** dL/dW = in^T dz and dL/db = the column sums of dz, added into {@code g}. */
    private static void parameterGradient(DenseLayer l, double[] in, double[] dz, double[] g, int rows) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        for (int o = 0; o < nOut; o++) {
            int w = l.kernelOffset() + o * nIn;
            double biasSum = 0.0;
            for (int r = 0; r < rows; r++) {
                double d = dz[r * nOut + o];
                biasSum += d;
                int inRow = r * nIn;
                for (int i = 0; i < nIn; i++) {
                    g[w + i] += in[inRow + i] * d;
                }
            }
            if (l.biasOffset() >= 0) {
                g[l.biasOffset() + o] += biasSum;
            }
        }
    }

    /** dL/d(input) = dz W^T into {@code out}. */
    private static void inputGradient(DenseLayer l, double[] p, double[] dz, double[] out, int rows) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        Arrays.fill(out, 0, rows * nIn, 0.0);
        for (int r = 0; r < rows; r++) {
            int outRow = r * nIn;
            for (int o = 0; o < nOut; o++) {
                double d = dz[r * nOut + o];
                int w = l.kernelOffset() + o * nIn;
                for (int i = 0; i < nIn; i++) {
                    out[outRow + i] += d * p[w + i];
                }
            }
        }
    }
}
