package org.keras4j.datasets.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads image files into channels-last arrays and writes arrays as image files, with {@code javax.imageio} (PNG,
 * JPEG, BMP, GIF and WBMP out of the box).
 *
 * <p>{@link #read} returns {@code UBYTE [height, width, channels]}, values 0 to 255, in one of Keras's colour modes:
 * {@code "grayscale"} (1 channel), {@code "rgb"} (3) or {@code "rgba"} (4). A grayscale file read as {@code "rgb"}
 * repeats its value in the three channels; a colour file read as {@code "grayscale"} becomes
 * {@code L = (19595 R + 38470 G + 7471 B + 32768) >> 16}, Pillow's {@code convert("L")}. Grayscale samples are taken
 * as stored (no colour management); 16-bit samples are scaled to 0..255.
 *
 * <pre>{@code
 * INDArray image = ImageFiles.read(Path.of("train/0/0000.png"), "grayscale");   // UBYTE [28, 28, 1]
 * ImageFiles.write(image, Path.of("copy.png"));
 * }</pre>
 */
public final class ImageFiles {

    /** The colour modes {@link #read} accepts, Keras's {@code color_mode} values. */
    public static final List<String> COLOR_MODES = List.of("grayscale", "rgb", "rgba");

    private ImageFiles() {
    }

    /**
     * The number of channels of a colour mode: 1, 3 or 4.
     *
     * @throws IllegalArgumentException if the mode is not one of {@link #COLOR_MODES}
     */
    public static int channels(String colorMode) {
        if (colorMode != null) {
            switch (colorMode) {
                case "grayscale":
                    return 1;
                case "rgb":
                    return 3;
                case "rgba":
                    return 4;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("colorMode must be one of " + COLOR_MODES + ", got '" + colorMode + "'");
    }

    /**
     * Decodes an image file.
     *
     * @param file      the file
     * @param colorMode {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}
     * @return {@code UBYTE [height, width, channels]}
     * @throws IllegalArgumentException if the mode is unknown, or the file is missing or not an image ImageIO can
     *                                  decode
     * @throws UncheckedIOException     if reading fails
     */
    public static INDArray read(Path file, String colorMode) {
        int channels = channels(colorMode);
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image file " + file + " does not exist or is not a regular file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not decode image " + file + ": " + e.getMessage()
                    + " (is the file truncated or corrupt?)", e);
        }
        if (image == null) {
            throw new IllegalArgumentException(file + " is not an image javax.imageio can decode; formats it reads: "
                    + Arrays.toString(ImageIO.getReaderFormatNames()));
        }
        return Nd4j.createFromArray(pixels(image, channels)).castTo(DataType.UINT8)
                .reshape('c', image.getHeight(), image.getWidth(), channels);
    }

    /** The pixels in HWC order, one unsigned byte per channel. */
    static byte[] pixels(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        byte[] out = new byte[h * w * channels];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            int[] gray = scaled(raster.getSamples(0, 0, w, h, 0, (int[]) null), model.getComponentSize(0));
            int[] alpha = model.hasAlpha() && raster.getNumBands() > 1
                    ? scaled(raster.getSamples(0, 0, w, h, 1, (int[]) null), model.getComponentSize(1)) : null;
            for (int i = 0; i < h * w; i++) {
                byte g = (byte) gray[i];
                int o = i * channels;
                if (channels == 1) {
                    out[o] = g;
                } else {
                    out[o] = g;
                    out[o + 1] = g;
                    out[o + 2] = g;
                    if (channels == 4) {
                        out[o + 3] = (byte) (alpha == null ? 255 : alpha[i]);
                    }
                }
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < h * w; i++) {
                int p = argb[i];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int o = i * channels;
                if (channels == 1) {
                    out[o] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
                } else {
                    out[o] = (byte) r;
                    out[o + 1] = (byte) g;
                    out[o + 2] = (byte) b;
                    if (channels == 4) {
                        out[o + 3] = (byte) ((p >>> 24) & 0xff);
                    }
                }
            }
        }
        return out;
    }

    private static int[] scaled(int[] samples, int bits) {
        if (bits != 8) {
            double max = (1L << bits) - 1;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (int) Math.round(samples[i] * 255.0 / max);
            }
        }
        return samples;
    }

    /**
     * Writes an image file atomically (a temporary file renamed into place), in the format its extension names
     * ({@code .png}, {@code .bmp}, {@code .jpg}; PNG keeps the pixels exactly).
     *
     * @param image {@code [height, width, channels]} with 1 (gray), 3 (RGB) or 4 (RGBA) channels; integer values are
     *              taken as 0..255, floating-point values as {@code [0, 1]} (the inverse of
     *              {@link Transforms#toFloat()}); both are rounded and clamped
     * @param file  the target; missing parent directories are created
     * @throws IllegalArgumentException if the shape or extension is not supported
     * @throws UncheckedIOException     if writing fails (the target is then unchanged)
     */
    public static void write(INDArray image, Path file) {
        if (image == null || file == null) {
            throw new IllegalArgumentException("image and file must not be null, got image " + image + " and file "
                    + file);
        }
        long[] s = image.shape();
        if (image.rank() != 3 || (s[2] != 1 && s[2] != 3 && s[2] != 4) || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException("image must be [height, width, channels] with 1, 3 or 4 channels, got "
                    + "shape " + Arrays.toString(s));
        }
        String name = file.getFileName().toString();
        String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!ImageIO.getImageWritersBySuffix(format).hasNext()) {
            throw new IllegalArgumentException("file " + file + " must end in an extension javax.imageio writes: "
                    + Arrays.toString(ImageIO.getWriterFileSuffixes()));
        }
        int h = (int) s[0];
        int w = (int) s[1];
        int c = (int) s[2];
        double scale = image.dataType().isFPType() ? 255 : 1;
        double[] values = image.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        boolean opaqueFormat = format.equals("jpg") || format.equals("jpeg") || format.equals("bmp");
        int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : c == 4 && !opaqueFormat ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage out = new BufferedImage(w, h, type);
        WritableRaster raster = out.getRaster();
        int bands = raster.getNumBands();
        int[] pixel = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < bands; b++) {
                    double v = values[(y * w + x) * c + b] * scale;
                    pixel[b] = (int) Math.max(0, Math.min(255, Math.rint(v)));
                }
                raster.setPixel(x, y, pixel);
            }
        }
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "." + name, ".part");
            try {
                if (!ImageIO.write(out, format, temporary.toFile())) {
                    throw new IllegalArgumentException("javax.imageio has no writer for " + format + " images of "
                            + c + " channels (file " + file + ")");
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write image " + file + ": " + e.getMessage(), e);
        }
    }
}
