package org.keras4j.layers.regularization;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;

class SpatialDropout2DTest {

    @Test
    void spatialDropout2D_keepsShapeAndHasNoParameters() {
        LayerContract.check(() -> new SpatialDropout2D(0.2), Shape.of(6, 6, 3), Shape.of(6, 6, 3), 0);
    }

    @Test
    void spatialDropout2D_rateOutOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout2D(1.0));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }

    @Test
    void spatialDropout2D_onSequence_throwsNamingRank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialDropout2D(0.1).computeOutputShape(Shape.of(10, 4)));
        assertTrue(e.getMessage().contains("rank 3"), e.getMessage());
    }
}
