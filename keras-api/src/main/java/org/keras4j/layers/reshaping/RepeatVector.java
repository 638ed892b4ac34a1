package org.keras4j.layers.reshaping;

import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Repeats its input vector {@code n} times: {@code (features)} to {@code (n, features)}, with
 * {@code output[i, :] = input} for every {@code i}; the usual bridge from an encoder's summary
 * vector to a decoder that reads a sequence.
 *
 * <pre>{@code
 * new Sequential(new Input(8), new Dense(16), new RepeatVector(5), new LSTM(16, true), new Dense(1));
 * }</pre>
 */
public final class RepeatVector extends Layer {
    private final int n;

    /** @throws IllegalArgumentException unless {@code n >= 1} */
    public RepeatVector(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("RepeatVector n must be at least 1, got " + n);
        }
        this.n = n;
    }

    public static RepeatVector fromConfig(Map<String, Object> cfg) {
        return withSavedName(new RepeatVector(Configs.getInt(cfg, "n", 0)), cfg);
    }

    /** The number of repetitions. */
    public int n() {
        return n;
    }

    /** @throws IllegalArgumentException unless the input is a vector {@code (features)} */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 1, "RepeatVector repeats vectors (features); add a Flatten layer before it");
        return Shape.of(n, inputShape.get(0));
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("n", n);
    }
}
