package org.keras4j.layers.reshaping;

import java.util.Arrays;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Permutes the axes of each sample: {@code dims} lists, for each output axis, the input axis it
 * takes, numbered from 1 and excluding the batch axis, as Keras's. {@code Permute(2, 1)} on
 * {@code (timesteps, features)} gives {@code (features, timesteps)} with
 * {@code output[f, t] = input[t, f]}. The values move (this is not a reshape).
 *
 * <pre>{@code
 * new Sequential(new Input(10, 64), new Permute(2, 1), new Dense(10));   // (64, 10)
 * }</pre>
 */
public final class Permute extends Layer {
    private final int[] dims;

    /** @throws IllegalArgumentException unless {@code dims} is a permutation of {@code 1..dims.length} */
    public Permute(int... dims) {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("Permute dims must list at least one axis, got none");
        }
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw new IllegalArgumentException("Permute dims must be a permutation of 1.." + dims.length
                        + " (axes numbered from 1, batch excluded), got " + Arrays.toString(dims));
            }
            seen[d] = true;
        }
        this.dims = dims.clone();
    }

    public static Permute fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Permute(Configs.toIntArray("dims", cfg.get("dims"))), cfg);
    }

    /** The permutation, 1-based over the non-batch axes. */
    public int[] dims() {
        return dims.clone();
    }

    /** @throws IllegalArgumentException unless the input has as many axes as {@code dims} */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() != dims.length) {
            throw new IllegalArgumentException(describe() + " with dims " + Arrays.toString(dims) + " expects input of rank "
                    + dims.length + ", got shape " + inputShape);
        }
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = inputShape.get(dims[i] - 1);
        }
        return Shape.of(out);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("dims", dims.clone());
    }
}
