package org.keras4j.layers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Masking against Keras 3: output = input * any(input != maskValue, axis=-1). */
class MaskingTest {

    @Test
    void masking_matchesKerasShapesAndCounts() {
        LayerContract.check(Masking::new, Shape.of(5, 3), Shape.of(5, 3), 0);
    }

    @Test
    void predict_zeroesTheStepsWhoseFeaturesAllEqualTheMaskValue() {
        Sequential model = new Sequential(new Input(3, 2), new Masking(-1.0));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.createFromArray(new float[][][] {{{-1, -1}, {-1, 2}, {3, 4}}, {{5, 6}, {-1, -1}, {-1, -1}}});
        // step (-1, -1) is masked: zeroed; (-1, 2) has one feature differing: kept as is
        INDArray expected = Nd4j.createFromArray(new float[][][] {{{0, 0}, {-1, 2}, {3, 4}}, {{5, 6}, {0, 0}, {0, 0}}});
        assertEquals(expected, model.predict(x));
    }

    @Test
    void computeMask_isOneWhereSomeFeatureDiffers() {
        INDArray x = Nd4j.createFromArray(new float[][][] {{{0, 0}, {0, 1}, {2, 0}}});
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 1, 1}}), new Masking().computeMask(x));
    }

    @Test
    void inputOfRankOtherThanTwo_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Masking().computeOutputShape(Shape.of(4)));
        assertTrue(e.getMessage().contains("Masking") && e.getMessage().contains("rank 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Masking(Double.NaN));
    }

    @Test
    void config_roundTripsMaskValue() {
        Masking m = (Masking) Layers.fromConfig("Masking", Map.of("mask_value", -1.5, "name", "pad"));
        assertEquals(-1.5, m.maskValue());
        assertEquals(Map.of("name", "pad", "mask_value", -1.5), m.getConfig());
    }
}
