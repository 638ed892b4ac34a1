package org.keras4j.internal.dl4j.layers;

/**
 * tanh and sigmoid of floats as a rational function the JIT vectorizes: Eigen's
 * {@code generic_fast_tanh_float}, {@code x P(x²) / Q(x²)} of degrees 13 and 6 on
 * {@code [-7.9988, 7.9988]}, where it reaches ±1 in float, and the sigmoid as
 * {@code 0.5 + 0.5 tanh(x / 2)}. Within 3.5e-7 of the exact tanh and 2.3e-7 of the exact
 * sigmoid, a few float roundings; no exponential, so plain indexed loops over it compile to
 * vector instructions (Math.exp does not, and libnd4j's legacy transforms call a scalar
 * {@code exp} per element).
 *
 * <pre>{@code
 * RationalTanh.tanh(z, 0, units);            // z[0..units) = tanh(z[0..units))
 * float gate = RationalTanh.sigmoid(x);
 * }</pre>
 */
final class RationalTanh {
    private static final float CLAMP = 7.99881172180176f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private RationalTanh() {
    }

    static float tanh(float value) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, value));
        float x2 = x * x;
        float p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * x;
        float q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
        return p / q;
    }

    static float sigmoid(float value) {
        return 0.5f + 0.5f * tanh(0.5f * value);
    }

    /** {@code v[from..to) = tanh(v[from..to))}. */
    static void tanh(float[] v, int from, int to) {
        for (int k = from; k < to; k++) {
            v[k] = tanh(v[k]);
        }
    }

    /** {@code v[from..to) = sigmoid(v[from..to))}. */
    static void sigmoid(float[] v, int from, int to) {
        for (int k = from; k < to; k++) {
            v[k] = sigmoid(v[k]);
        }
    }
}
