package org.keras4j.layers.convolutional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.utils.Configs;

/**
 * Keras's convolution arithmetic and argument checks ({@code compute_conv_output_shape},
 * {@code compute_pooling_output_shape}, {@code standardize_tuple}), shared by the
 * convolution, pooling and reshaping layers. Channels-last throughout.
 *
 * <pre>{@code
 * long out = ConvUtils.convOutputLength(28, 5, "same", 1, 1);     // 28
 * long pooled = ConvUtils.poolOutputLength(28, 2, "valid", 2);     // 14
 * }</pre>
 */
public final class ConvUtils {
    private ConvUtils() {
    }

    /**
     * Keras's output length of a convolution along one axis: {@code floor((in - d*(k-1) - 1) / s) + 1}
     * for "valid", {@code floor((in - 1) / s) + 1} for "same" and "causal". May be 0 or negative
     * for "valid"; callers report that.
     */
    public static long convOutputLength(long input, int kernel, String padding, int stride, int dilation) {
        if ("valid".equals(padding)) {
            return Math.floorDiv(input - (long) dilation * (kernel - 1) - 1, stride) + 1;
        }
        return Math.floorDiv(input - 1, stride) + 1;
    }

    /**
     * Keras's output length of a transposed convolution along one axis (no output padding):
     * {@code (in - 1) * s + max(k_eff, s)} for "valid", {@code in * s} for "same", where
     * {@code k_eff = (k - 1) * d + 1}.
     */
    public static long convTransposeOutputLength(long input, int kernel, String padding, int stride, int dilation) {
        long effective = (long) (kernel - 1) * dilation + 1;
        if ("valid".equals(padding)) {
            return (input - 1) * stride + Math.max(effective, stride);
        }
        return input * stride;
    }

    /**
     * Keras's output length of a pooling window along one axis: {@code floor((in - p) / s) + 1}
     * for "valid", {@code floor((in - 1) / s) + 1} for "same".
     */
    public static long poolOutputLength(long input, int pool, String padding, int stride) {
        if ("valid".equals(padding)) {
            return Math.floorDiv(input - pool, stride) + 1;
        }
        return Math.floorDiv(input - 1, stride) + 1;
    }

    /**
     * Keras's {@code standardize_tuple}: one value is repeated {@code n} times, {@code n} values
     * are kept; every value must be positive (or non-negative if {@code allowZero}).
     *
     * @param owner the layer class, for messages ({@code "Conv2D"})
     * @throws IllegalArgumentException for a wrong count or an out-of-range value
     */
    public static int[] standardizeTuple(int[] values, int n, String argument, String owner, boolean allowZero) {
        if (values == null || (values.length != 1 && values.length != n)) {
            throw new IllegalArgumentException(owner + " " + argument + " must be 1 or " + n + " integers, got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values.length == 1 ? values[0] : values[i];
            if (out[i] < (allowZero ? 0 : 1)) {
                throw new IllegalArgumentException(owner + " " + argument + " must be " + (allowZero ? "non-negative" : "positive")
                        + " integers, got " + Arrays.toString(values));
            }
        }
        return out;
    }

    /**
     * Keras's {@code standardize_padding}: "valid" or "same" (any case), and "causal" where allowed.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static String standardizePadding(String padding, boolean allowCausal, String owner) {
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (p.equals("valid") || p.equals("same") || (allowCausal && p.equals("causal"))) {
            return p;
        }
        throw new IllegalArgumentException(owner + " padding must be one of " + (allowCausal ? "\"valid\", \"same\", \"causal\""
                : "\"valid\", \"same\"") + ", got '" + padding + "'");
    }

    /** A tuple as a saved config holds it: a list of integers. */
    public static List<Integer> toList(int... values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    /**
     * Reads the int or list of ints under {@code key} of a config (as written by {@link #toList} or loaded
     * from JSON); absent gives {@code defaultValue}.
     *
     * @throws IllegalArgumentException naming {@code key} if the value is not an int or a list of ints
     */
    public static int[] intsFromConfig(Map<String, Object> cfg, String key, int[] defaultValue) {
        Object value = cfg.get(key);
        if (value == null) {
            return defaultValue == null ? null : defaultValue.clone();
        }
        return Configs.toIntArray(key, value);
    }

    /** Fails for a saved {@code data_format} other than channels_last, which is all keras4j runs. */
    public static void requireChannelsLast(Object dataFormat, String owner) {
        if (dataFormat != null && !"channels_last".equals(dataFormat)) {
            throw new IllegalArgumentException(owner + " data_format must be \"channels_last\" (images are [batch, height,"
                    + " width, channels] in keras4j), got '" + dataFormat + "'");
        }
    }

    /**
     * Fails with Keras's message if an output length is not positive.
     *
     * @param layer the start of the message, e.g. {@code Conv2D 'conv2d'}
     */
    public static void requirePositiveOutput(long[] output, Shape input, String layer, String what) {
        for (long d : output) {
            if (d <= 0) {
                throw new IllegalArgumentException(layer + ": computed output size would be zero or negative for input "
                        + input + " with " + what + "; use padding \"same\" or a larger input");
            }
        }
    }

    /** {@code "5x5"}, for messages. */
    public static String dims(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : "x").append(values[i]);
        }
        return sb.toString();
    }
}
