package org.keras4j.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.ConvUtils;
import org.keras4j.utils.Configs;

/**
 * Repeats the rows and columns of images, as Keras's {@code UpSampling2D}: each pixel becomes a
 * {@code size[0] x size[1]} block (nearest-neighbour interpolation). Default size 2x2. Input
 * {@code (height, width, channels)}; output {@code (height * size[0], width * size[1], channels)};
 * no parameters.
 *
 * <pre>{@code
 * new Sequential(new Input(7, 7, 8), new UpSampling2D(), new Conv2D(1, 3, "sigmoid").withPadding("same"));
 * }</pre>
 */
public final class UpSampling2D extends Layer {
    private static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5", "area");

    private final int[] size;
    private String interpolation = "nearest";

    /** 2x2 upsampling. */
    public UpSampling2D() {
        this(2);
    }

    /** @throws IllegalArgumentException if {@code size} is not positive */
    public UpSampling2D(int size) {
        this(size, size);
    }

    /** @throws IllegalArgumentException if a factor is not positive */
    public UpSampling2D(int rows, int cols) {
        this.size = ConvUtils.standardizeTuple(new int[] {rows, cols}, 2, "size", "UpSampling2D", false);
    }

    public static UpSampling2D fromConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), "UpSampling2D");
        int[] s = ConvUtils.standardizeTuple(ConvUtils.intsFromConfig(cfg, "size", new int[] {2}), 2, "size",
                "UpSampling2D", false);
        return withSavedName(new UpSampling2D(s[0], s[1])
                .withInterpolation(Configs.getString(cfg, "interpolation", "nearest")), cfg);
    }

    /** {@code {rows, cols}}. */
    public int[] size() {
        return size.clone();
    }

    public String interpolation() {
        return interpolation;
    }

    @Override
    public UpSampling2D withName(String name) {
        super.withName(name);
        return this;
    }

    @Override
    public UpSampling2D withInputShape(long... dims) {
        super.withInputShape(dims);
        return this;
    }

    /**
     * Keras's interpolation name; the DL4J backend runs "nearest" (the default) only and rejects the
     * others when the model is compiled.
     *
     * @throws IllegalArgumentException for a name Keras does not know
     */
    public UpSampling2D withInterpolation(String interpolation) {
        if (!INTERPOLATIONS.contains(interpolation)) {
            throw new IllegalArgumentException("UpSampling2D interpolation must be one of " + INTERPOLATIONS + ", got '"
                    + interpolation + "'");
        }
        this.interpolation = interpolation;
        return this;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 3, "expected (height, width, channels)");
        return Shape.of(inputShape.get(0) * size[0], inputShape.get(1) * size[1], inputShape.get(2));
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("size", ConvUtils.toList(size));
        cfg.put("data_format", "channels_last");
        cfg.put("interpolation", interpolation);
        return cfg;
    }
}
