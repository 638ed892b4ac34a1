package org.keras4j.layers.reshaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;

/** ZeroPadding2D, Cropping2D and UpSampling2D against Keras 3's output shapes. */
class ImageReshapingLayersTest {

    @Test
    void zeroPadding2D_matchesKeras() {
        LayerContract.check(ZeroPadding2D::new, Shape.of(28, 28, 1), Shape.of(30, 30, 1), 0);
        LayerContract.check(() -> new ZeroPadding2D(1, 2, 3, 4), Shape.of(5, 5, 2), Shape.of(8, 12, 2), 0);
        LayerContract.check(() -> new ZeroPadding2D(2, 0), Shape.of(3, 3, 1), Shape.of(7, 3, 1), 0);
    }

    @Test
    void cropping2D_matchesKeras() {
        LayerContract.check(() -> new Cropping2D(2, 2, 4, 4), Shape.of(28, 28, 3), Shape.of(24, 20, 3), 0);
        LayerContract.check(() -> new Cropping2D(1), Shape.of(5, 6, 2), Shape.of(3, 4, 2), 0);
    }

    @Test
    void upSampling2D_matchesKeras() {
        LayerContract.check(UpSampling2D::new, Shape.of(7, 7, 8), Shape.of(14, 14, 8), 0);
        LayerContract.check(() -> new UpSampling2D(2, 3), Shape.of(3, 4, 2), Shape.of(6, 12, 2), 0);
    }

    @Test
    void zeroPadding2D_kerasNestedPairsConfig_isTopBottomLeftRight() {
        ZeroPadding2D z = (ZeroPadding2D) Layers.fromConfig("ZeroPadding2D",
                Map.of("padding", List.of(List.of(1, 2), List.of(3, 4))));
        assertArrayEquals(new int[] {1, 2, 3, 4}, z.padding());
        ZeroPadding2D symmetric = (ZeroPadding2D) Layers.fromConfig("ZeroPadding2D", Map.of("padding", List.of(1, 2)));
        assertArrayEquals(new int[] {1, 1, 2, 2}, symmetric.padding());
    }

    @Test
    void cropping2D_removingEverything_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Cropping2D(2).computeOutputShape(Shape.of(4, 10, 1)));
        assertTrue(e.getMessage().contains("at least one row"), e.getMessage());
    }

    @Test
    void negativePaddingOrCropping_throws() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D(-1)).getMessage().contains("padding"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Cropping2D(0, -1)).getMessage().contains("cropping"));
    }

    @Test
    void upSampling2D_unknownInterpolation_throwsListingKerasNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UpSampling2D().withInterpolation("cubic"));
        assertTrue(e.getMessage().contains("bilinear") && e.getMessage().contains("'cubic'"), e.getMessage());
    }
}
