package org.keras4j.layers.convolutional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;
import org.keras4j.regularizers.Regularizers;

/** Output shapes and parameter counts are Keras 3's for the same layer and input. */
class ConvolutionalLayersTest {

    @Test
    void conv2D_courseCnnLayers_matchKeras() {
        LayerContract.check(() -> new Conv2D(16, 5, "relu").withPadding("same"), Shape.of(28, 28, 1), Shape.of(28, 28, 16), 416);
        LayerContract.check(() -> new Conv2D(32, 5, "relu").withPadding("same"), Shape.of(14, 14, 16), Shape.of(14, 14, 32),
                12_832);
    }

    @Test
    void conv2D_kerasMnistConvnetLayers_matchKeras() {
        LayerContract.check(() -> new Conv2D(32, 3, "relu"), Shape.of(28, 28, 1), Shape.of(26, 26, 32), 320);
        LayerContract.check(() -> new Conv2D(64, 3, "relu"), Shape.of(13, 13, 32), Shape.of(11, 11, 64), 18_496);
    }

    @Test
    void conv2D_stridesWithValidAndSamePadding_matchKeras() {
        LayerContract.check(() -> new Conv2D(8, 3).withStrides(2), Shape.of(7, 7, 3), Shape.of(3, 3, 8), 224);
        LayerContract.check(() -> new Conv2D(8, 3).withStrides(2).withPadding("same"), Shape.of(7, 7, 3), Shape.of(4, 4, 8), 224);
        LayerContract.check(() -> new Conv2D(4, new int[] {3, 2}, "tanh").withStrides(2, 1).withPadding("same"),
                Shape.of(8, 5, 2), Shape.of(4, 5, 4), 52);
    }

    @Test
    void conv2D_dilationAndNoBias_matchKeras() {
        LayerContract.check(() -> new Conv2D(4, 3).withDilationRate(2), Shape.of(9, 9, 2), Shape.of(5, 5, 4), 76);
        LayerContract.check(() -> new Conv2D(4, 3).withUseBias(false), Shape.of(5, 5, 2), Shape.of(3, 3, 4), 72);
    }

    @Test
    void conv1D_validSameAndCausal_matchKeras() {
        LayerContract.check(() -> new Conv1D(32, 3, "relu"), Shape.of(100, 8), Shape.of(98, 32), 800);
        LayerContract.check(() -> new Conv1D(16, 3).withStrides(2).withPadding("same"), Shape.of(10, 4), Shape.of(5, 16), 208);
        LayerContract.check(() -> new Conv1D(8, 3).withPadding("causal").withDilationRate(2), Shape.of(10, 4), Shape.of(10, 8),
                104);
    }

    @Test
    void conv2DTranspose_sameAndValid_matchKeras() {
        LayerContract.check(() -> new Conv2DTranspose(16, 3, "relu").withStrides(2).withPadding("same"), Shape.of(7, 7, 32),
                Shape.of(14, 14, 16), 4_624);
        LayerContract.check(() -> new Conv2DTranspose(4, 3).withStrides(2), Shape.of(5, 5, 2), Shape.of(11, 11, 4), 76);
        LayerContract.check(() -> new Conv2DTranspose(4, 3), Shape.of(5, 5, 2), Shape.of(7, 7, 4), 76);
    }

    @Test
    void depthwiseConv2D_matchesKeras() {
        LayerContract.check(() -> new DepthwiseConv2D(3).withDepthMultiplier(2), Shape.of(32, 32, 3), Shape.of(30, 30, 6), 60);
        LayerContract.check(() -> new DepthwiseConv2D(3, "relu").withStrides(2).withPadding("same"), Shape.of(8, 8, 4),
                Shape.of(4, 4, 4), 40);
    }

    @Test
    void separableConv2D_matchesKeras() {
        LayerContract.check(() -> new SeparableConv2D(5, 3).withDepthMultiplier(2).withPadding("same"), Shape.of(6, 6, 3),
                Shape.of(6, 6, 5), 89);
        LayerContract.check(() -> new SeparableConv2D(64, 3, "relu"), Shape.of(16, 16, 32), Shape.of(14, 14, 64), 2_400);
    }

    @Test
    void conv2D_defaults_areKeras() {
        Map<String, Object> cfg = new Conv2D(8, 3).getConfig();
        assertEquals(java.util.List.of(1, 1), cfg.get("strides"));
        assertEquals("valid", cfg.get("padding"));
        assertEquals(java.util.List.of(1, 1), cfg.get("dilation_rate"));
        assertEquals(true, cfg.get("use_bias"));
        assertEquals("glorot_uniform", ((Map<?, ?>) cfg.get("kernel_initializer")).get("class_name"));
        assertEquals("zeros", ((Map<?, ?>) cfg.get("bias_initializer")).get("class_name"));
        assertTrue(new Conv2D(8, 3).activation().isLinear());
    }

    @Test
    void conv2D_fromKerasStyleConfig_acceptsIntKernelAndAlias() {
        Conv2D conv = (Conv2D) Layers.fromConfig("Convolution2D", Map.of("filters", 6, "kernel_size", 5, "padding", "SAME",
                "strides", 2));
        assertArrayEquals(new int[] {5, 5}, conv.kernelSize());
        assertArrayEquals(new int[] {2, 2}, conv.strides());
        assertEquals("same", conv.padding());
    }

    @Test
    void conv2D_channelsFirstConfig_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("Conv2D", Map.of("filters", 6, "kernel_size", 3, "data_format", "channels_first")));
        assertTrue(e.getMessage().contains("channels_last"), e.getMessage());
    }

    @Test
    void conv2D_onGreyscaleImagesWithoutChannelAxis_namesTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(8, 3).withName("c").computeOutputShape(Shape.of(28, 28)));
        assertTrue(e.getMessage().contains("Conv2D 'c'") && e.getMessage().contains("rank 3")
                && e.getMessage().contains("(28, 28, 1)"), e.getMessage());
    }

    @Test
    void conv2D_kernelLargerThanInput_throwsKerasMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(8, 5).computeOutputShape(Shape.of(3, 3, 1)));
        assertTrue(e.getMessage().contains("zero or negative") && e.getMessage().contains("(None, 3, 3, 1)"), e.getMessage());
    }

    @Test
    void conv2D_stridesAndDilationAboveOne_throw() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(8, 3).withStrides(2).withDilationRate(2));
        assertTrue(e.getMessage().contains("strides > 1") && e.getMessage().contains("dilationRate > 1"), e.getMessage());
    }

    @Test
    void conv2D_causalPadding_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(8, 3).withPadding("causal"));
        assertTrue(e.getMessage().contains("\"valid\", \"same\"") && e.getMessage().contains("'causal'"), e.getMessage());
    }

    @Test
    void conv2D_badArguments_throwNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3)).getMessage().contains("filters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 0)).getMessage().contains("kernelSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, new int[] {3, 3, 3}, "relu"))
                .getMessage().contains("1 or 2 integers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).withStrides(1, 0))
                .getMessage().contains("strides"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(3).withDepthMultiplier(0))
                .getMessage().contains("depthMultiplier"));
    }

    @Test
    void conv1D_onFlatInput_suggestsReshape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv1D(8, 3).computeOutputShape(Shape.of(100)));
        assertTrue(e.getMessage().contains("rank 2") && e.getMessage().contains("Reshape(100, 1)"), e.getMessage());
    }

    @Test
    void separableConv2D_configRoundTrip_keepsBothKernels() {
        SeparableConv2D s = new SeparableConv2D(4, 3).withDepthwiseInitializer("he_normal").withPointwiseInitializer("lecun_uniform")
                .withDepthwiseRegularizer(Regularizers.l2(0.01)).withPointwiseRegularizer(Regularizers.l2(0.01));
        SeparableConv2D copy = (SeparableConv2D) Layers.fromConfig("SeparableConv2D", s.getConfig());
        assertEquals("he_normal", copy.depthwiseInitializer().identifier());
        assertEquals("lecun_uniform", copy.pointwiseInitializer().identifier());
        assertEquals(Regularizers.l2(0.01), copy.pointwiseRegularizer());
    }
}
