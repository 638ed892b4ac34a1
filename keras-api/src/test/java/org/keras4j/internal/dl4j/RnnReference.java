package org.keras4j.internal.dl4j;

import java.util.function.DoubleUnaryOperator;

/**
 * Keras 3's recurrent layers written out by hand, in plain loops over double arrays, to check
 * keras4j's against: {@code keras/src/layers/rnn/{simple_rnn,lstm,gru}.py} for the cells and
 * {@code keras/src/backend/tensorflow/rnn.py} for the loop (processing order with
 * {@code go_backwards}, the output at a masked step is the previous step's output, zeros before
 * any, or zeros with {@code zero_output_for_mask}; the states keep their values).
 */
final class RnnReference {
    enum Cell { SIMPLE_RNN, LSTM, GRU, GRU_RESET_BEFORE }

    static final DoubleUnaryOperator TANH = Math::tanh;
    static final DoubleUnaryOperator SIGMOID = v -> 1 / (1 + Math.exp(-v));
    /** Keras 3's hard_sigmoid: relu6(x + 3) / 6. */
    static final DoubleUnaryOperator HARD_SIGMOID = v -> Math.min(Math.max(v / 6 + 0.5, 0), 1);
    static final DoubleUnaryOperator RELU = v -> Math.max(v, 0);

    final Cell cell;
    final double[][] kernel;
    final double[][] recurrentKernel;
    /** The input bias, {@code gates * units}, or null without a bias. */
    final double[] bias;
    /** The GRU's recurrent bias with reset_after, or null. */
    final double[] recurrentBias;
    final DoubleUnaryOperator activation;
    final DoubleUnaryOperator recurrentActivation;
    boolean goBackwards;
    boolean zeroOutputForMask;

    RnnReference(Cell cell, double[][] kernel, double[][] recurrentKernel, double[] bias, double[] recurrentBias,
                 DoubleUnaryOperator activation, DoubleUnaryOperator recurrentActivation) {
        this.cell = cell;
        this.kernel = kernel;
        this.recurrentKernel = recurrentKernel;
        this.bias = bias;
        this.recurrentBias = recurrentBias;
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
    }

    /** Outputs per example and processing step, the last output, and the final states ({@code h}, then {@code c}). */
    record Result(double[][][] outputs, double[][] last, double[][][] states) {
    }

    int units() {
        return recurrentKernel.length;
    }

    /**
     * @param x {@code [batch][time][features]}
     * @param mask {@code [batch][time]} of 0 and 1, or null
     * @param initial {@code [state][batch][units]}, or null for zeros
     */
    Result run(double[][][] x, double[][] mask, double[][][] initial) {
        int batch = x.length;
        int steps = x[0].length;
        int u = units();
        int states = cell == Cell.LSTM ? 2 : 1;
        double[][][] outputs = new double[batch][steps][];
        double[][] last = new double[batch][];
        double[][][] finalStates = new double[states][batch][];
        for (int b = 0; b < batch; b++) {
            double[] h = initial == null ? new double[u] : initial[0][b].clone();
            double[] c = states == 2 ? (initial == null ? new double[u] : initial[1][b].clone()) : null;
            double[] previousOutput = new double[u];
            for (int s = 0; s < steps; s++) {
                int time = goBackwards ? steps - 1 - s : s;
                double[][] next = step(x[b][time], h, c);
                double[] out;
                if (mask == null || mask[b][time] != 0) {
                    h = next[0];
                    c = next[1];
                    out = next[0];
                } else {
                    out = zeroOutputForMask ? new double[u] : previousOutput;
                }
                outputs[b][s] = out;
                previousOutput = out;
            }
            last[b] = outputs[b][steps - 1];
            finalStates[0][b] = h;
            if (states == 2) {
                finalStates[1][b] = c;
            }
        }
        return new Result(outputs, last, finalStates);
    }

    /** One step: the new {@code h} and (LSTM) {@code c}. */
    private double[][] step(double[] x, double[] h, double[] c) {
        int u = units();
        switch (cell) {
            case SIMPLE_RNN -> {
                double[] z = add(add(times(x, kernel), times(h, recurrentKernel)), bias);
                return new double[][] {map(z, activation), null};
            }
            case LSTM -> {
                double[] z = add(add(times(x, kernel), times(h, recurrentKernel)), bias);
                double[] hNew = new double[u];
                double[] cNew = new double[u];
                for (int j = 0; j < u; j++) {
                    double i = recurrentActivation.applyAsDouble(z[j]);
                    double f = recurrentActivation.applyAsDouble(z[u + j]);
                    double g = activation.applyAsDouble(z[2 * u + j]);
                    double o = recurrentActivation.applyAsDouble(z[3 * u + j]);
                    cNew[j] = f * c[j] + i * g;
                    hNew[j] = o * activation.applyAsDouble(cNew[j]);
                }
                return new double[][] {hNew, cNew};
            }
            case GRU -> {
                double[] xz = add(times(x, kernel), bias);
                double[] rz = add(times(h, recurrentKernel), recurrentBias);
                double[] hNew = new double[u];
                for (int j = 0; j < u; j++) {
                    double z = recurrentActivation.applyAsDouble(xz[j] + rz[j]);
                    double r = recurrentActivation.applyAsDouble(xz[u + j] + rz[u + j]);
                    double hh = activation.applyAsDouble(xz[2 * u + j] + r * rz[2 * u + j]);
                    hNew[j] = z * h[j] + (1 - z) * hh;
                }
                return new double[][] {hNew, null};
            }
            default -> { // GRU without reset_after
                double[] xz = add(times(x, kernel), bias);
                double[] rz = times(h, recurrentKernel);
                double[] r = new double[u];
                double[] zGate = new double[u];
                for (int j = 0; j < u; j++) {
                    zGate[j] = recurrentActivation.applyAsDouble(xz[j] + rz[j]);
                    r[j] = recurrentActivation.applyAsDouble(xz[u + j] + rz[u + j]);
                }
                double[] resetH = new double[u];
                for (int j = 0; j < u; j++) {
                    resetH[j] = r[j] * h[j];
                }
                double[] hNew = new double[u];
                for (int j = 0; j < u; j++) {
                    double candidate = xz[2 * u + j];
                    for (int k = 0; k < u; k++) {
                        candidate += resetH[k] * recurrentKernel[k][2 * u + j];
                    }
                    double hh = activation.applyAsDouble(candidate);
                    hNew[j] = zGate[j] * h[j] + (1 - zGate[j]) * hh;
                }
                return new double[][] {hNew, null};
            }
        }
    }

    /** {@code v · m} for a row vector {@code v} and a matrix {@code m [v.length][n]}. */
    private static double[] times(double[] v, double[][] m) {
        double[] out = new double[m[0].length];
        for (int k = 0; k < v.length; k++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += v[k] * m[k][j];
            }
        }
        return out;
    }

    /** {@code a + b}, or {@code a} if {@code b} is null (no bias). */
    private static double[] add(double[] a, double[] b) {
        if (b == null) {
            return a;
        }
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] + b[j];
        }
        return out;
    }

    private static double[] map(double[] a, DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = f.applyAsDouble(a[j]);
        }
        return out;
    }
}
