package org.keras4j.internal.dl4j;

/**
 * Keras's recurrent layers and {@code Bidirectional}, written out in plain Java loops for tests:
 * weights in Keras's layout (kernel {@code [features][gates * units]}, recurrent kernel
 * {@code [units][gates * units]}, bias {@code [gates * units]}, LSTM gates i, f, c, o), tanh
 * activation and sigmoid gates. A masked step leaves the state as it was and outputs zeros, as
 * Keras's RNN does for a masked step (and Bidirectional asks of its layers when returning
 * sequences); the last output is the state after the last step read.
 *
 * <pre>{@code
 * double[][] out = HandWrittenRnn.lstm(x, mask, kernel, recurrent, bias, true);  // T rows, then the last output
 * }</pre>
 */
final class HandWrittenRnn {

    private HandWrittenRnn() {
    }

    /**
     * One sequence through an LSTM.
     *
     * @param x {@code [timesteps][features]}
     * @param mask per step, 0 for a masked step; null for none
     * @param backwards read from the last step to the first (Keras's {@code go_backwards})
     * @return {@code timesteps + 1} rows of {@code units}: row {@code t} is the output after reading
     *     step {@code t} (zeros if masked), in time order; the last row is the last output
     */
    static double[][] lstm(double[][] x, double[] mask, double[][] kernel, double[][] recurrent, double[] bias,
                           boolean backwards) {
        int steps = x.length;
        int units = recurrent.length;
        double[] h = new double[units];
        double[] c = new double[units];
        double[][] out = new double[steps + 1][units];
        for (int k = 0; k < steps; k++) {
            int t = backwards ? steps - 1 - k : k;
            if (mask != null && mask[t] == 0) {
                continue; // state carried over, output zeros
            }
            double[] z = affine(x[t], h, kernel, recurrent, bias);
            double[] hNew = new double[units];
            for (int j = 0; j < units; j++) {
                double i = sigmoid(z[j]);
                double f = sigmoid(z[units + j]);
                double g = Math.tanh(z[2 * units + j]);
                double o = sigmoid(z[3 * units + j]);
                c[j] = f * c[j] + i * g;
                hNew[j] = o * Math.tanh(c[j]);
            }
            h = hNew;
            out[t] = h.clone();
        }
        out[steps] = h;
        return out;
    }

    /** One sequence through a SimpleRNN with activation tanh or relu; rows as {@link #lstm}. */
    static double[][] simpleRnn(double[][] x, double[] mask, double[][] kernel, double[][] recurrent, double[] bias,
                                boolean backwards, boolean relu) {
        int steps = x.length;
        int units = recurrent.length;
        double[] h = new double[units];
        double[][] out = new double[steps + 1][units];
        for (int k = 0; k < steps; k++) {
            int t = backwards ? steps - 1 - k : k;
            if (mask != null && mask[t] == 0) {
                continue;
            }
            double[] z = affine(x[t], h, kernel, recurrent, bias);
            for (int j = 0; j < units; j++) {
                z[j] = relu ? Math.max(0, z[j]) : Math.tanh(z[j]);
            }
            h = z;
            out[t] = h.clone();
        }
        out[steps] = h;
        return out;
    }

    /**
     * Keras's merge of a forward and a backward output: concat {@code [f, b]}, sum {@code f + b},
     * mul {@code f * b}, ave {@code (f + b) / 2}.
     */
    static double[] merge(String mode, double[] f, double[] b) {
        int n = f.length;
        double[] out = new double[mode.equals("concat") ? 2 * n : n];
        for (int j = 0; j < n; j++) {
            switch (mode) {
                case "concat" -> {
                    out[j] = f[j];
                    out[n + j] = b[j];
                }
                case "sum" -> out[j] = f[j] + b[j];
                case "mul" -> out[j] = f[j] * b[j];
                case "ave" -> out[j] = (f[j] + b[j]) / 2;
                default -> throw new IllegalArgumentException(mode);
            }
        }
        return out;
    }

    /**
     * Keras's {@code Bidirectional} on one sequence, given each direction's rows (as {@link #lstm}
     * returns them): every step's merge in time order, or the merge of the two last outputs.
     */
    static double[][] bidirectional(String mode, boolean returnSequences, double[][] forward, double[][] backward) {
        int steps = forward.length - 1;
        if (!returnSequences) {
            return new double[][] {merge(mode, forward[steps], backward[steps])};
        }
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            out[t] = merge(mode, forward[t], backward[t]);
        }
        return out;
    }

    /** {@code x·W + h·U + b}. */
    private static double[] affine(double[] x, double[] h, double[][] kernel, double[][] recurrent, double[] bias) {
        double[] z = bias.clone();
        for (int r = 0; r < x.length; r++) {
            for (int col = 0; col < z.length; col++) {
                z[col] += x[r] * kernel[r][col];
            }
        }
        for (int r = 0; r < h.length; r++) {
            for (int col = 0; col < z.length; col++) {
                z[col] += h[r] * recurrent[r][col];
            }
        }
        return z;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
