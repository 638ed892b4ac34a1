package org.keras4j.internal.dl4j.jvm;

import java.util.Arrays;

/**
 * A stack of dense layers and a loss, computed on the JVM in float, as DL4J's FLOAT networks:
 * forward pass, loss, and the gradient of every parameter. Parameters are one flat array in
 * DL4J's layout: per layer the kernel {@code [nIn, nOut]} in column-major order, then the bias,
 * if any. Inputs, outputs and labels are row-major {@code [rows, width]}.
 *
 * <p>For a network this small, one native ND4J operation costs more than the arithmetic of a
 * whole training step (a 2-8-1 network at batch 4 does 96 multiply-adds per forward pass; an
 * ND4J matrix product costs 15-35 µs of dispatch), so plain loops are the fast path. Every inner
 * loop runs along contiguous memory and accumulates into an array (the JIT vectorizes those),
 * never into one scalar: the forward pass multiplies by a row-major copy of each kernel made
 * once per step, the backward passes use the column-major kernel as it is.
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
    /** Per layer, its kernel row-major {@code [nIn, nOut]}, copied from the parameters at each forward pass. */
    private final float[][] kernels;
    private int rows = -1;
    private float[][] z;
    private float[][] a;
    private float[][] grad;

    DenseStack(DenseLayer[] layers, JvmLoss loss) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("layers must not be empty");
        }
        this.layers = layers.clone();
        this.loss = loss;
        this.kernels = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            kernels[l] = new float[layers[l].nIn() * layers[l].nOut()];
        }
    }

    int inputWidth() {
        return layers[0].nIn();
    }

    int outputWidth() {
        return layers[layers.length - 1].nOut();
    }

    /** The width of a label row: the output's, or 1 for class indices. */
    int labelWidth() {
        return loss.labelWidth(outputWidth());
    }

    /** True when the loss computes DL4J's result for these labels ({@link JvmLoss#takes}). */
    boolean takesLabels(float[] y, int rows) {
        return loss.takes(y, rows, outputWidth());
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
    float[] predict(float[] params, float[] x, int rows) {
        float[] in = x;
        for (DenseLayer l : layers) {
            float[] zl = new float[rows * l.nOut()];
            float[] al = new float[rows * l.nOut()];
            forward(l, params, rowMajorKernel(l, params, new float[l.nIn() * l.nOut()]), in, zl, al, rows);
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
    double gradient(float[] params, float[] x, float[] y, int rows, float[] grad) {
        ensureRows(rows);
        float[] in = x;
        for (int l = 0; l < layers.length; l++) {
            forward(layers[l], params, rowMajorKernel(layers[l], params, kernels[l]), in, z[l], a[l], rows);
            in = a[l];
        }
        int last = layers.length - 1;
        double lossSum = loss.sumOfScores(a[last], y, rows, layers[last].nOut());
        loss.gradient(layers[last].activation(), z[last], a[last], y, this.grad[last], rows, layers[last].nOut());
        Arrays.fill(grad, 0f);
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            float[] input = l == 0 ? x : a[l - 1];
            parameterGradient(layer, input, this.grad[l], grad, rows);
            if (l > 0) {
                inputGradient(layer, params, this.grad[l], this.grad[l - 1], rows);
                layers[l - 1].activation().backward(z[l - 1], a[l - 1], this.grad[l - 1], rows, layers[l - 1].nOut());
            }
        }
        return lossSum;
    }

    /** The outputs of the last {@link #gradient} call, row-major {@code [rows, outputWidth]}. */
    float[] lastOutputs() {
        return a[layers.length - 1];
    }

    private void ensureRows(int rows) {
        if (rows == this.rows) {
            return;
        }
        z = new float[layers.length][];
        a = new float[layers.length][];
        grad = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int n = rows * layers[l].nOut();
            z[l] = new float[n];
            a[l] = new float[n];
            grad[l] = new float[n];
        }
        this.rows = rows;
    }

    /** The layer's column-major kernel in {@code out} row-major: {@code out[i * nOut + o] = W[i, o]}. */
    private static float[] rowMajorKernel(DenseLayer l, float[] p, float[] out) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        for (int o = 0; o < nOut; o++) {
            int column = l.kernelOffset() + o * nIn;
            for (int i = 0; i < nIn; i++) {
                out[i * nOut + o] = p[column + i];
            }
        }
        return out;
    }

    /** {@code z = in W + b}, row by row as sums of scaled kernel rows, then {@code a = f(z)}. */
    private static void forward(DenseLayer l, float[] p, float[] kernel, float[] in, float[] z, float[] a, int rows) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        for (int r = 0; r < rows; r++) {
            int zRow = r * nOut;
            if (l.biasOffset() < 0) {
                Arrays.fill(z, zRow, zRow + nOut, 0f);
            } else {
                System.arraycopy(p, l.biasOffset(), z, zRow, nOut);
            }
            int inRow = r * nIn;
            for (int i = 0; i < nIn; i++) {
                float v = in[inRow + i];
                int k = i * nOut;
                for (int o = 0; o < nOut; o++) {
                    z[zRow + o] += v * kernel[k + o];
                }
            }
        }
        l.activation().forward(z, a, rows, nOut);
    }

    /** dL/dW = in^T dz and dL/db = the column sums of dz, added into {@code g}. */
    private static void parameterGradient(DenseLayer l, float[] in, float[] dz, float[] g, int rows) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        for (int r = 0; r < rows; r++) {
            int inRow = r * nIn;
            for (int o = 0; o < nOut; o++) {
                float d = dz[r * nOut + o];
                int w = l.kernelOffset() + o * nIn;
                for (int i = 0; i < nIn; i++) {
                    g[w + i] += in[inRow + i] * d;
                }
            }
            if (l.biasOffset() >= 0) {
                int b = l.biasOffset();
                int dzRow = r * nOut;
                for (int o = 0; o < nOut; o++) {
                    g[b + o] += dz[dzRow + o];
                }
            }
        }
    }

    /** dL/d(input) = dz W^T into {@code out}. */
    private static void inputGradient(DenseLayer l, float[] p, float[] dz, float[] out, int rows) {
        int nIn = l.nIn();
        int nOut = l.nOut();
        Arrays.fill(out, 0, rows * nIn, 0f);
        for (int r = 0; r < rows; r++) {
            int outRow = r * nIn;
            for (int o = 0; o < nOut; o++) {
                float d = dz[r * nOut + o];
                int w = l.kernelOffset() + o * nIn;
                for (int i = 0; i < nIn; i++) {
                    out[outRow + i] += d * p[w + i];
                }
            }
        }
    }
}
