package org.keras4j.internal.dl4j.initializers;

import java.util.Arrays;

/**
 * Keras's {@code compute_fans}: the fan-in and fan-out of a kernel given in Keras's layout.
 * Dense {@code (inputs, units)} gives {@code (inputs, units)}; a convolution kernel
 * {@code (k1, .., kn, in_channels, filters)} gives {@code (k1*..*kn*in_channels,
 * k1*..*kn*filters)}; a vector {@code (n)} gives {@code (n, n)}. DL4J computes its own fans
 * differently for convolutions (fan-out divided by the strides) and LSTMs, so translators of
 * those layers pass the Keras kernel shape to {@code Dl4jInitializers.toDl4j(init, shape)}.
 *
 * <pre>{@code
 * double[] fans = Fans.of(3, 3, 16, 32);   // {144, 288}
 * }</pre>
 */
public final class Fans {
    private Fans() {
    }

    /**
     * @param kerasShape the kernel's shape in Keras's layout (channels-last, filters last)
     * @return {@code {fanIn, fanOut}}
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static double[] of(long... kerasShape) {
        for (long d : kerasShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("kernel shape dimensions must be positive, got " + Arrays.toString(kerasShape));
            }
        }
        int rank = kerasShape.length;
        if (rank == 0) {
            return new double[] {1, 1};
        }
        if (rank == 1) {
            return new double[] {kerasShape[0], kerasShape[0]};
        }
        double receptiveField = 1;
        for (int i = 0; i < rank - 2; i++) {
            receptiveField *= kerasShape[i];
        }
        return new double[] {kerasShape[rank - 2] * receptiveField, kerasShape[rank - 1] * receptiveField};
    }
}
