package org.keras4j.datasets.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The standard image preprocessing steps, as torchvision's {@code transforms} (the pipeline the course uses), on
 * channels-last images {@code [height, width, channels]}.
 *
 * <ul>
 *   <li>{@link #resize(int, int)}, {@link #resize(int)}: bilinear;</li>
 *   <li>{@link #centerCrop(int, int)}, {@link #randomCrop(int, int, long)}, {@link #randomHorizontalFlip};</li>
 *   <li>{@link #toFloat()}: 0..255 pixels to float in {@code [0, 1]} (torchvision's {@code ToTensor}, without the
 *       move to channels-first);</li>
 *   <li>{@link #normalize}: {@code (x - mean[c]) / std[c]} per channel;</li>
 *   <li>{@link #compose}: several steps in order.</li>
 * </ul>
 * Geometric steps keep the input's data type (an integer image is rounded back to integers, as torchvision does for
 * {@code uint8}); {@code toFloat} and {@code normalize} return {@code FLOAT}.
 *
 * <pre>{@code
 * ImageTransform eval = Transforms.compose(
 *         Transforms.resize(256), Transforms.centerCrop(224, 224), Transforms.toFloat(),
 *         Transforms.normalize(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}));
 * }</pre>
 */
public final class Transforms {

    private Transforms() {
    }

    /**
     * Applies {@code steps} in order. No steps is the identity (it still returns a copy).
     *
     * @throws IllegalArgumentException if a step is null
     */
    public static ImageTransform compose(ImageTransform... steps) {
        if (steps == null) {
            throw new IllegalArgumentException("steps must not be null");
        }
        List<ImageTransform> list = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == null) {
                throw new IllegalArgumentException("steps[" + i + "] must not be null");
            }
            // flatten nested compositions so toString shows one list
            if (steps[i] instanceof Compose nested) {
                list.addAll(nested.steps);
            } else {
                list.add(steps[i]);
            }
        }
        return new Compose(List.copyOf(list));
    }

    /**
     * Resizes to exactly {@code height x width}, bilinear with half-pixel centres and no antialiasing: the result of
     * Keras's {@code Resizing(height, width)} and of PyTorch's {@code interpolate(mode="bilinear",
     * align_corners=False)}. (torchvision's {@code Resize} also antialiases when it shrinks, so shrunk images differ
     * slightly from it.)
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static ImageTransform resize(int height, int width) {
        checkPositive("height", height);
        checkPositive("width", width);
        return new Resize(height, width, 0);
    }

    /**
     * Resizes so that the shorter side is {@code size}, keeping the aspect ratio (the longer side becomes
     * {@code floor(size * long / short)}), as torchvision's {@code Resize(size)}; bilinear as
     * {@link #resize(int, int)}.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public static ImageTransform resize(int size) {
        checkPositive("size", size);
        return new Resize(0, 0, size);
    }

    /**
     * Crops the centre {@code height x width}: the top row is {@code round((H - height) / 2)} and the left column
     * {@code round((W - width) / 2)}, rounding halves to even, as torchvision's {@code CenterCrop}.
     *
     * @throws IllegalArgumentException if a size is not positive; {@code apply} throws if the image is smaller
     */
    public static ImageTransform centerCrop(int height, int width) {
        checkPositive("height", height);
        checkPositive("width", width);
        return new Crop(height, width, null);
    }

    /**
     * Crops a {@code height x width} window at a random position, each position equally likely (torchvision's
     * {@code RandomCrop} without padding).
     *
     * @param seed seeds this step's generator
     * @throws IllegalArgumentException if a size is not positive; {@code apply} throws if the image is smaller
     */
    public static ImageTransform randomCrop(int height, int width, long seed) {
        checkPositive("height", height);
        checkPositive("width", width);
        return new Crop(height, width, new Random(seed));
    }

    /**
     * Mirrors the image left to right with probability {@code p} (torchvision's {@code RandomHorizontalFlip},
     * Keras's {@code RandomFlip("horizontal")} at {@code p = 0.5}).
     *
     * @param p    the flip probability, in {@code [0, 1]}
     * @param seed seeds this step's generator
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public static ImageTransform randomHorizontalFlip(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        return new Flip(p, new Random(seed));
    }

    /**
     * Converts to {@code FLOAT}: integer pixels (e.g. {@code UBYTE} 0..255) are divided by 255, so they land in
     * {@code [0, 1]}; floating-point pixels are only converted to {@code FLOAT}.
     */
    public static ImageTransform toFloat() {
        return new ToFloat();
    }

    /**
     * Standardizes each channel: {@code (x - mean[c]) / std[c]}, as torchvision's {@code Normalize}. Give one value
     * per channel, or one value for all channels. The input must be floating point (put {@link #toFloat()} first).
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or a std is not positive;
     *                                  {@code apply} throws if their length is neither 1 nor the channel count
     */
    public static ImageTransform normalize(double[] mean, double[] std) {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must be non-empty and of equal length, got mean "
                    + Arrays.toString(mean) + " and std " + Arrays.toString(std));
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Double.isFinite(std[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("std must be positive and mean finite, got mean[" + i + "] = "
                        + mean[i] + ", std[" + i + "] = " + std[i]);
            }
        }
        return new Normalize(mean.clone(), std.clone());
    }

    // ---------------------------------------------------------------- steps

    private record Compose(List<ImageTransform> steps) implements ImageTransform {
        @Override
        public INDArray apply(INDArray image) {
            Image.check(image, "compose");
            INDArray out = image.dup();
            for (ImageTransform step : steps) {
                out = step.apply(out);
            }
            return out;
        }

        @Override
        public String toString() {
            return "compose" + steps;
        }
    }

    private record Resize(int height, int width, int shorterSide) implements ImageTransform {
        @Override
        public INDArray apply(INDArray image) {
            Image in = Image.of(image, "resize");
            int outH = height;
            int outW = width;
            if (shorterSide > 0) {
                // torchvision's _compute_resized_output_size
                boolean portrait = in.w <= in.h;
                int shortIn = portrait ? in.w : in.h;
                int longIn = portrait ? in.h : in.w;
                int longOut = (int) ((long) shorterSide * longIn / shortIn);
                outH = portrait ? longOut : shorterSide;
                outW = portrait ? shorterSide : longOut;
            }
            double[] out = new double[outH * outW * in.c];
            double scaleY = (double) in.h / outH;
            double scaleX = (double) in.w / outW;
            for (int oy = 0; oy < outH; oy++) {
                double sy = Math.max((oy + 0.5) * scaleY - 0.5, 0);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, in.h - 1);
                double ly = sy - y0;
                for (int ox = 0; ox < outW; ox++) {
                    double sx = Math.max((ox + 0.5) * scaleX - 0.5, 0);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, in.w - 1);
                    double lx = sx - x0;
                    for (int ch = 0; ch < in.c; ch++) {
                        double top = in.at(y0, x0, ch) * (1 - lx) + in.at(y0, x1, ch) * lx;
                        double bottom = in.at(y1, x0, ch) * (1 - lx) + in.at(y1, x1, ch) * lx;
                        out[(oy * outW + ox) * in.c + ch] = top * (1 - ly) + bottom * ly;
                    }
                }
            }
            return Image.build(out, outH, outW, in.c, in.type);
        }

        @Override
        public String toString() {
            return shorterSide > 0 ? "resize(" + shorterSide + ")" : "resize(" + height + ", " + width + ")";
        }
    }

    private static final class Crop implements ImageTransform {
        private final int height;
        private final int width;
        private final Random random;   // null: centre crop

        Crop(int height, int width, Random random) {
            this.height = height;
            this.width = width;
            this.random = random;
        }

        @Override
        public INDArray apply(INDArray image) {
            Image in = Image.of(image, toString());
            if (in.h < height || in.w < width) {
                throw new IllegalArgumentException(toString() + " needs an image of at least " + height + "x" + width
                        + ", got " + in.h + "x" + in.w + " (shape " + Arrays.toString(image.shape())
                        + "); resize it first");
            }
            int top;
            int left;
            if (random == null) {
                top = (int) Math.rint((in.h - height) / 2.0);
                left = (int) Math.rint((in.w - width) / 2.0);
            } else {
                synchronized (random) {
                    top = random.nextInt(in.h - height + 1);
                    left = random.nextInt(in.w - width + 1);
                }
            }
            double[] out = new double[height * width * in.c];
            for (int y = 0; y < height; y++) {
                System.arraycopy(in.data, ((top + y) * in.w + left) * in.c, out, y * width * in.c, width * in.c);
            }
            return Image.build(out, height, width, in.c, in.type);
        }

        @Override
        public String toString() {
            return (random == null ? "centerCrop(" : "randomCrop(") + height + ", " + width + ")";
        }
    }

    private static final class Flip implements ImageTransform {
        private final double p;
        private final Random random;

        Flip(double p, Random random) {
            this.p = p;
            this.random = random;
        }

        @Override
        public INDArray apply(INDArray image) {
            Image in = Image.of(image, toString());
            boolean flip;
            synchronized (random) {
                flip = random.nextDouble() < p;
            }
            if (!flip) {
                return image.dup();
            }
            double[] out = new double[in.data.length];
            for (int y = 0; y < in.h; y++) {
                for (int x = 0; x < in.w; x++) {
                    System.arraycopy(in.data, (y * in.w + (in.w - 1 - x)) * in.c, out, (y * in.w + x) * in.c, in.c);
                }
            }
            return Image.build(out, in.h, in.w, in.c, in.type);
        }

        @Override
        public String toString() {
            return "randomHorizontalFlip(" + p + ")";
        }
    }

    private static final class ToFloat implements ImageTransform {
        @Override
        public INDArray apply(INDArray image) {
            Image.check(image, "toFloat");
            INDArray out = image.castTo(DataType.FLOAT);
            if (out == image) {
                out = image.dup();
            }
            return image.dataType().isFPType() ? out : out.divi(255f);
        }

        @Override
        public String toString() {
            return "toFloat()";
        }
    }

    private record Normalize(double[] mean, double[] std) implements ImageTransform {
        @Override
        public INDArray apply(INDArray image) {
            Image.check(image, "normalize");
            if (!image.dataType().isFPType()) {
                throw new IllegalArgumentException("normalize expects floating-point pixels, got "
                        + image.dataType() + ": put Transforms.toFloat() before it");
            }
            Image in = Image.of(image, "normalize");
            if (mean.length != 1 && mean.length != in.c) {
                throw new IllegalArgumentException("normalize has " + mean.length + " means and stds but the image "
                        + Arrays.toString(image.shape()) + " has " + in.c + " channels");
            }
            double[] out = new double[in.data.length];
            for (int i = 0; i < out.length; i++) {
                int ch = mean.length == 1 ? 0 : i % in.c;
                out[i] = (in.data[i] - mean[ch]) / std[ch];
            }
            return Image.build(out, in.h, in.w, in.c, DataType.FLOAT);
        }

        @Override
        public String toString() {
            return "normalize(" + Arrays.toString(mean) + ", " + Arrays.toString(std) + ")";
        }
    }

    // ---------------------------------------------------------------- helpers

    /** One HWC image unpacked to doubles in row-major order. */
    private static final class Image {
        final int h;
        final int w;
        final int c;
        final double[] data;
        final DataType type;

        private Image(int h, int w, int c, double[] data, DataType type) {
            this.h = h;
            this.w = w;
            this.c = c;
            this.data = data;
            this.type = type;
        }

        double at(int y, int x, int ch) {
            return data[(y * w + x) * c + ch];
        }

        static void check(INDArray image, String step) {
            if (image == null) {
                throw new IllegalArgumentException(step + ": image must not be null");
            }
            if (image.rank() != 3 || image.length() == 0) {
                throw new IllegalArgumentException(step + " expects one non-empty image [height, width, channels], "
                        + "got shape " + Arrays.toString(image.shape()));
            }
        }

        static Image of(INDArray image, String step) {
            check(image, step);
            long[] s = image.shape();
            if (s[0] * s[1] * s[2] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(step + ": image " + Arrays.toString(s) + " is too large");
            }
            double[] data = image.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            return new Image((int) s[0], (int) s[1], (int) s[2], data, image.dataType());
        }

        /** An array of {@code type}; integer types get rounded (halves to even) and clamped to their range. */
        static INDArray build(double[] data, int h, int w, int c, DataType type) {
            if (!type.isFPType()) {
                double[] range = range(type);
                for (int i = 0; i < data.length; i++) {
                    data[i] = Math.min(range[1], Math.max(range[0], Math.rint(data[i])));
                }
            }
            INDArray out = Nd4j.create(data, new long[] {h, w, c}, DataType.DOUBLE);
            return type == DataType.DOUBLE ? out : out.castTo(type);
        }
    }

    /** The values an integer type holds, {@code [min, max]}. */
    private static double[] range(DataType type) {
        if (type == DataType.UINT8) {
            return new double[] {0, 255};
        } else if (type == DataType.INT8) {
            return new double[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
        } else if (type == DataType.INT16) {
            return new double[] {Short.MIN_VALUE, Short.MAX_VALUE};
        } else if (type == DataType.UINT16) {
            return new double[] {0, 65535};
        } else if (type == DataType.INT32) {
            return new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        } else if (type == DataType.UINT32) {
            return new double[] {0, 4294967295.0};
        } else if (type == DataType.BOOL) {
            return new double[] {0, 1};
        } else if (type == DataType.UINT64) {
            return new double[] {0, Long.MAX_VALUE};
        }
        return new double[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }

    private static void checkPositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
