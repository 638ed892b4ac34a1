package org.keras4j.layers.reshaping;

import java.util.Arrays;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Reshapes each sample to {@code targetShape} (row-major); one dimension may be -1 and is
 * inferred, as in Keras.
 *
 * <pre>{@code
 * new Sequential(new Input(784), new Reshape(28, 28), new Flatten(), new Dense(10, "softmax"));
 * }</pre>
 */
public final class Reshape extends Layer {
    private final long[] targetShape;

    /** @throws IllegalArgumentException if more than one dimension is -1 or any other is not positive */
    public Reshape(long... targetShape) {
        if (targetShape == null || targetShape.length == 0) {
            throw new IllegalArgumentException("Reshape targetShape must have at least one dimension");
        }
        int unknown = 0;
        for (long d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Reshape targetShape dimensions must be positive or -1, got "
                        + Arrays.toString(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape targetShape may have at most one -1, got " + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    public static Reshape fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Reshape(Configs.getLongArray(cfg, "target_shape")), cfg);
    }

    public long[] targetShape() {
        return targetShape.clone();
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        long known = 1;
        int unknownAxis = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAxis = i;
            } else {
                known *= targetShape[i];
            }
        }
        long[] out = targetShape.clone();
        if (unknownAxis >= 0) {
            if (inputShape.size() % known != 0) {
                throw mismatch(inputShape);
            }
            out[unknownAxis] = inputShape.size() / known;
        } else if (known != inputShape.size()) {
            throw mismatch(inputShape);
        }
        return Shape.of(out);
    }

    private IllegalArgumentException mismatch(Shape inputShape) {
        return new IllegalArgumentException(describe() + " cannot reshape input " + inputShape + " ("
                + inputShape.size() + " values) to " + Arrays.toString(targetShape));
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("target_shape", targetShape.clone());
    }
}
