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
                a[i] = (float) Math.tanh(z[i]);
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
