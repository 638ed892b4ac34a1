package org.keras4j.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.ConvUtils;

/**
 * Removes rows and columns at the borders of images, as Keras's {@code Cropping2D}. Keras's
 * {@code cropping} argument is one int, two ints (symmetric height and width cropping) or
 * {@code ((top, bottom), (left, right))}; here the constructors take 1, 2 or 4 ints in that order.
 * Default: no cropping. Input {@code (height, width, channels)}; output
 * {@code (height - top - bottom, width - left - right, channels)}; no parameters.
 *
 * <pre>{@code
 * new Cropping2D(2, 2, 4, 4);   // Keras: Cropping2D(((2, 2), (4, 4)))
 * }</pre>
 */
public final class Cropping2D extends Layer {
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    /** No cropping (Keras's default). */
    public Cropping2D() {
        this(0);
    }

    /** @throws IllegalArgumentException if {@code cropping} is negative */
    public Cropping2D(int cropping) {
        this(cropping, cropping, cropping, cropping);
    }

    /** {@code heightCrop} rows from top and bottom, {@code widthCrop} columns from left and right. */
    public Cropping2D(int heightCrop, int widthCrop) {
        this(heightCrop, heightCrop, widthCrop, widthCrop);
    }

    /** @throws IllegalArgumentException if any cropping is negative */
    public Cropping2D(int top, int bottom, int left, int right) {
        ConvUtils.standardizeTuple(new int[] {top, bottom, left, right}, 4, "cropping", "Cropping2D", true);
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    public static Cropping2D fromConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), "Cropping2D");
        int[] c = ZeroPadding2D.nestedPairs(cfg, "cropping", new int[] {0, 0, 0, 0});
        return withSavedName(new Cropping2D(c[0], c[1], c[2], c[3]), cfg);
    }

    /** {@code {top, bottom, left, right}}. */
    public int[] cropping() {
        return new int[] {top, bottom, left, right};
    }

    /** @throws IllegalArgumentException if the cropping removes every row or column */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 3, "expected (height, width, channels)");
        long height = inputShape.get(0) - top - bottom;
        long width = inputShape.get(1) - left - right;
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(describe() + ": cropping ((" + top + ", " + bottom + "), (" + left + ", "
                    + right + ")) must leave at least one row and column of input " + inputShape);
        }
        return Shape.of(height, width, inputShape.get(2));
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("cropping", List.of(ConvUtils.toList(top, bottom), ConvUtils.toList(left, right)));
        cfg.put("data_format", "channels_last");
        return cfg;
    }
}
