package org.keras4j.models.zoo;

import java.util.Arrays;
import org.keras4j.Shape;

/** Argument checks shared by the architectures. */
final class Shapes {
    private Shapes() {
    }

    /** @throws IllegalArgumentException unless {@code shape} is {@code (height, width, channels)}, each positive */
    static void requireImage(Shape shape, String name) {
        if (shape == null || shape.rank() != 3 || Arrays.stream(shape.dims()).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(name + " must be an image shape (height, width, channels), got "
                    + (shape == null ? "null" : Arrays.toString(shape.dims())));
        }
    }
}
