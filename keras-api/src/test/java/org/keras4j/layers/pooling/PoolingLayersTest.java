package org.keras4j.layers.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;

/** Output shapes are Keras 3's for the same layer and input; pooling has no parameters. */
class PoolingLayersTest {

    @Test
    void maxPooling2D_defaultPool_halvesCourseCnnMaps() {
        LayerContract.check(MaxPooling2D::new, Shape.of(28, 28, 16), Shape.of(14, 14, 16), 0);
        LayerContract.check(MaxPooling2D::new, Shape.of(14, 14, 32), Shape.of(7, 7, 32), 0);
        LayerContract.check(MaxPooling2D::new, Shape.of(11, 11, 64), Shape.of(5, 5, 64), 0);
    }

    @Test
    void maxPooling2D_stridesAndSamePadding_matchKeras() {
        LayerContract.check(() -> new MaxPooling2D(3).withStrides(2).withPadding("same"), Shape.of(7, 7, 4), Shape.of(4, 4, 4), 0);
        LayerContract.check(() -> new MaxPooling2D(3).withStrides(2), Shape.of(7, 7, 4), Shape.of(3, 3, 4), 0);
    }

    @Test
    void averagePooling2D_rectangularAndOverlapping_matchKeras() {
        LayerContract.check(() -> new AveragePooling2D(new int[] {2, 3}), Shape.of(6, 7, 2), Shape.of(3, 2, 2), 0);
        LayerContract.check(() -> new AveragePooling2D(3).withStrides(1), Shape.of(5, 5, 1), Shape.of(3, 3, 1), 0);
        LayerContract.check(() -> new AveragePooling2D().withPadding("same"), Shape.of(5, 5, 3), Shape.of(3, 3, 3), 0);
    }

    @Test
    void pooling1D_matchesKeras() {
        LayerContract.check(MaxPooling1D::new, Shape.of(98, 32), Shape.of(49, 32), 0);
        LayerContract.check(() -> new AveragePooling1D(3).withStrides(2).withPadding("same"), Shape.of(10, 4), Shape.of(5, 4), 0);
    }

    @Test
    void globalPooling_matchesKeras() {
        LayerContract.check(GlobalAveragePooling2D::new, Shape.of(7, 7, 64), Shape.of(64), 0);
        LayerContract.check(() -> new GlobalAveragePooling2D().withKeepdims(true), Shape.of(7, 7, 64), Shape.of(1, 1, 64), 0);
        LayerContract.check(GlobalMaxPooling2D::new, Shape.of(5, 5, 3), Shape.of(3), 0);
        LayerContract.check(GlobalAveragePooling1D::new, Shape.of(10, 4), Shape.of(4), 0);
        LayerContract.check(() -> new GlobalMaxPooling1D().withKeepdims(true), Shape.of(10, 4), Shape.of(1, 4), 0);
    }

    @Test
    void maxPooling2D_defaults_areKeras() {
        Map<String, Object> cfg = new MaxPooling2D().getConfig();
        assertEquals(List.of(2, 2), cfg.get("pool_size"));
        assertEquals(List.of(2, 2), cfg.get("strides"));
        assertEquals("valid", cfg.get("padding"));
        assertArrayEquals(new int[] {3, 3}, new MaxPooling2D(3).strides());
    }

    @Test
    void pooling_kerasAliases_rebuild() {
        assertTrue(Layers.fromConfig("MaxPool2D", Map.of("pool_size", 3)) instanceof MaxPooling2D);
        assertTrue(Layers.fromConfig("GlobalAvgPool2D", Map.of()) instanceof GlobalAveragePooling2D);
        assertTrue(Layers.fromConfig("AvgPool1D", Map.of()) instanceof AveragePooling1D);
    }

    @Test
    void maxPooling2D_poolLargerThanInput_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling2D(4).computeOutputShape(Shape.of(3, 3, 1)));
        assertTrue(e.getMessage().contains("zero or negative"), e.getMessage());
    }

    @Test
    void maxPooling2D_onFlatInput_throwsNamingRank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling2D().withName("pool").computeOutputShape(Shape.of(784)));
        assertTrue(e.getMessage().contains("MaxPooling2D 'pool'") && e.getMessage().contains("rank 3"), e.getMessage());
    }

    @Test
    void pooling_badPadding_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D().withPadding("full"));
        assertTrue(e.getMessage().contains("'full'"), e.getMessage());
    }
}
