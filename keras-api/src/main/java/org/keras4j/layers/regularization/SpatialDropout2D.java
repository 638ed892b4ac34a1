package org.keras4j.layers.regularization;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.ConvUtils;
import org.keras4j.utils.Configs;

/**
 * Drops whole feature maps, as Keras's {@code SpatialDropout2D}: during training each channel of
 * each sample is zeroed with probability {@code rate} and the kept channels are scaled by
 * {@code 1 / (1 - rate)}; the identity at inference. Adjacent pixels are strongly correlated, so
 * dropping single pixels (plain {@link Dropout}) regularizes convolutions little. Input and output
 * {@code (height, width, channels)}; no parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(28, 28, 1), new Conv2D(32, 3, "relu"), new SpatialDropout2D(0.2));
 * }</pre>
 */
public final class SpatialDropout2D extends Layer {
    private final double rate;

    /** @throws IllegalArgumentException unless {@code 0 <= rate < 1} */
    public SpatialDropout2D(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("SpatialDropout2D rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public static SpatialDropout2D fromConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), "SpatialDropout2D");
        return withSavedName(new SpatialDropout2D(Configs.getDouble(cfg, "rate", 0.5)), cfg);
    }

    /** The probability of dropping each channel. */
    public double rate() {
        return rate;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 3, "expected (height, width, channels)");
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("rate", rate);
        cfg.put("data_format", "channels_last");
        return cfg;
    }
}
