package org.keras4j.internal.dl4j.jvm;

import org.keras4j.internal.dl4j.activations.LegacyGradientTanh;
import org.keras4j.internal.dl4j.activations.StepGradientRelu;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activations a {@link DenseStack} computes on the JVM, each with the formula and derivative
 * of the DL4J activation keras4j translates it to, in float as DL4J's FLOAT networks (the
 * transcendental functions in double, rounded once). Arrays are row-major {@code [rows, cols]}.
 *
 * <pre>{@code
 * JvmActivation tanh = JvmActivation.of(new LegacyGradientTanh());
 * tanh.forward(z, a, rows, cols);
 * tanh.backward(z, a, dLda, rows, cols); // dLda becomes dL/dz
 * }</pre>
 */
enum JvmActivation {
    IDENTITY {
        @Override
        void forward(float[] z, float[] a, int rows, int cols) {
            System.arraycopy(z, 0, a, 0, rows * cols);
        }

        @Override
        void backward(float[] z, float[] a, float[] grad, int rows, int cols) {
            // dL/dz = dL/da
        }
    },
    RELU {
        @Override
        void forward(float[] z, float[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = Math.max(z[i], 0f);
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] grad, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                if (!(z[i] > 0f)) {
                    grad[i] = 0f;
                }
            }
        }
    },
    SIGMOID {
        @Override
        void forward(float[] z, float[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] grad, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                grad[i] *= a[i] * (1f - a[i]);
            }
        }
    },
    TANH {
        @Override
        void forward(float[] z, float[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = tanh(z[i]);
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] grad, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                grad[i] *= 1f - a[i] * a[i];
            }
        }
    },
    SOFTMAX {
        @Override
        void forward(float[] z, float[] a, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int start = r * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, z[start + c]);
                }
                double sum = 0.0;
                for (int c = 0; c < cols; c++) {
                    double e = Math.exp((double) z[start + c] - max);
                    a[start + c] = (float) e;
                    sum += e;
                }
                for (int c = 0; c < cols; c++) {
                    a[start + c] = (float) (a[start + c] / sum);
                }
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] grad, int rows, int cols) {
            // dL/dz_i = a_i (dL/da_i - sum_j dL/da_j a_j)
            for (int r = 0; r < rows; r++) {
                int start = r * cols;
                double dot = 0.0;
                for (int c = 0; c < cols; c++) {
                    dot += (double) grad[start + c] * a[start + c];
                }
                for (int c = 0; c < cols; c++) {
                    grad[start + c] = (float) (a[start + c] * (grad[start + c] - dot));
                }
            }
        }
    };

    /** Below this magnitude {@link #tanh} sums its series: {@code 1 - 2 / (e^2x + 1)} would cancel. */
    private static final double TANH_SERIES_BELOW = 0.0625;

    /**
     * {@code tanh(x)} rounded to float: in double through {@code Math.exp}, which the JIT compiles
     * to a machine-code intrinsic, where {@code Math.tanh} is StrictMath's software routine (a
     * third of a tiny network's forward pass). The double result is within 1e-14 relative of
     * tanh, so the float is the correctly rounded one but for values within that of a rounding
     * boundary, as with {@code (float) Math.tanh(x)}.
     */
    static float tanh(float x) {
        double d = x;
        double ax = Math.abs(d);
        double t;
        if (ax < TANH_SERIES_BELOW) {
            // Taylor series to x^9: the next term is below 1e-14 of tanh(x) for |x| < 1/16
            double x2 = d * d;
            t = ax + ax * x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835))));
        } else {
            t = 1.0 - 2.0 / (Math.exp(2.0 * ax) + 1.0); // exp overflows to infinity for large x: t = 1
        }
        return (float) Math.copySign(t, d); // tanh is odd; -0 stays -0
    }

    /** {@code a = f(z)}, row by row. */
    abstract void forward(float[] z, float[] a, int rows, int cols);

    /** Turns {@code grad} from dL/da into dL/dz, given the forward pass's {@code z} and {@code a}. */
    abstract void backward(float[] z, float[] a, float[] grad, int rows, int cols);

    /**
     * The JVM form of a DL4J activation keras4j uses, or null when there is none: only the
     * exact classes, since a subclass or a parameterised form may compute something else.
     */
    static JvmActivation of(IActivation activation) {
        Class<?> type = activation.getClass();
        if (type == ActivationIdentity.class) {
            return IDENTITY;
        } else if (type == StepGradientRelu.class) {
            return RELU;
        } else if (type == ActivationSigmoid.class) {
            return SIGMOID;
        } else if (type == LegacyGradientTanh.class || type == ActivationTanH.class) {
            return TANH;
        } else if (type == ActivationSoftmax.class) {
            return SOFTMAX;
        }
        return null;
    }
}
