package org.keras4j.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.ConvUtils;
import org.keras4j.utils.Configs;

/**
 * Adds rows and columns of zeros around images, as Keras's {@code ZeroPadding2D}. Keras's
 * {@code padding} argument is one int (all four sides), two ints (symmetric height and width
 * padding) or {@code ((top, bottom), (left, right))}; here the constructors take 1, 2 or 4 ints in
 * that order. Default 1 on every side. Input {@code (height, width, channels)}; output
 * {@code (height + top + bottom, width + left + right, channels)}; no parameters.
 *
 * <pre>{@code
 * new ZeroPadding2D(1, 1, 2, 2);   // Keras: ZeroPadding2D(((1, 1), (2, 2)))
 * }</pre>
 */
public final class ZeroPadding2D extends Layer {
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    /** One row or column of zeros on every side. */
    public ZeroPadding2D() {
        this(1);
    }

    /** @throws IllegalArgumentException if {@code padding} is negative */
    public ZeroPadding2D(int padding) {
        this(padding, padding, padding, padding);
    }

    /** {@code heightPad} rows above and below, {@code widthPad} columns left and right. */
    public ZeroPadding2D(int heightPad, int widthPad) {
        this(heightPad, heightPad, widthPad, widthPad);
    }

    /** @throws IllegalArgumentException if any padding is negative */
    public ZeroPadding2D(int top, int bottom, int left, int right) {
        ConvUtils.standardizeTuple(new int[] {top, bottom, left, right}, 4, "padding", "ZeroPadding2D", true);
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    public static ZeroPadding2D fromConfig(Map<String, Object> cfg) {
        ConvUtils.requireChannelsLast(cfg.get("data_format"), "ZeroPadding2D");
        int[] p = nestedPairs(cfg, "padding", new int[] {1, 1, 1, 1});
        return withSavedName(new ZeroPadding2D(p[0], p[1], p[2], p[3]), cfg);
    }

    /** {@code {top, bottom, left, right}}. */
    public int[] padding() {
        return new int[] {top, bottom, left, right};
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 3, "expected (height, width, channels)");
        return Shape.of(inputShape.get(0) + top + bottom, inputShape.get(1) + left + right, inputShape.get(2));
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("padding", List.of(ConvUtils.toList(top, bottom), ConvUtils.toList(left, right)));
        cfg.put("data_format", "channels_last");
        return cfg;
    }

    /**
     * Keras's int / (h, w) / ((top, bottom), (left, right)) forms as {@code {top, bottom, left, right}}.
     */
    static int[] nestedPairs(Map<String, Object> cfg, String key, int[] defaultValue) {
        Object value = cfg.get(key);
        if (value == null) {
            return defaultValue.clone();
        }
        String expected = "an int, 2 ints or 2 pairs of ints";
        if (value instanceof Number) {
            int v = Configs.toInt(key, value);
            return new int[] {v, v, v, v};
        }
        if (!(value instanceof List<?> list) || list.size() != 2) {
            throw Configs.mistyped(key, expected, value);
        }
        int[] out = new int[4];
        for (int axis = 0; axis < 2; axis++) {
            Object item = list.get(axis);
            if (item instanceof Number) {
                out[2 * axis] = Configs.toInt(key, item);
                out[2 * axis + 1] = out[2 * axis];
            } else {
                int[] pair = Configs.toIntArray(key + "[" + axis + "]", item);
                if (pair.length != 2) {
                    throw Configs.mistyped(key, expected, value);
                }
                out[2 * axis] = pair[0];
                out[2 * axis + 1] = pair[1];
            }
        }
        return out;
    }
}
