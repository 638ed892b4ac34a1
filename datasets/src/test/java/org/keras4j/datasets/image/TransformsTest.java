package org.keras4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TransformsTest {

    /** A float image [h, w, 1] whose pixel (y, x) is 10 * y + x. */
    private static INDArray grid(int h, int w) {
        float[] v = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = 10 * y + x;
            }
        }
        return Nd4j.create(v, new long[] {h, w, 1}, 'c');
    }

    private static float[] values(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Test
    void resize_upscale2x_matchesHalfPixelBilinear() {
        INDArray image = Nd4j.create(new float[] {0, 4, 8, 12}, new long[] {2, 2, 1}, 'c');

        INDArray out = Transforms.resize(4, 4).apply(image);

        // source coordinates -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1) along each axis
        assertArrayEquals(new long[] {4, 4, 1}, out.shape());
        assertArrayEquals(new float[] {
                0, 1, 3, 4,
                2, 3, 5, 6,
                6, 7, 9, 10,
                8, 9, 11, 12}, values(out), 1e-6f);
    }

    @Test
    void resize_downscale2x_averagesEachPairOfPixels() {
        INDArray out = Transforms.resize(2, 2).apply(grid(4, 4));

        // source coordinates 0.5 and 2.5: the mean of rows/columns (0,1) and (2,3)
        assertArrayEquals(new float[] {5.5f, 7.5f, 25.5f, 27.5f}, values(out), 1e-5f);
    }

    @Test
    void resize_ubyteImage_staysUbyteRoundedHalfToEven() {
        INDArray image = Nd4j.createFromArray(new byte[] {0, (byte) 255}).castTo(DataType.UINT8).reshape(1, 2, 1);

        INDArray out = Transforms.resize(1, 4).apply(image);

        // exact values 0, 63.75, 191.25, 255
        assertEquals(DataType.UINT8, out.dataType());
        assertArrayEquals(new float[] {0, 64, 191, 255}, values(out));
    }

    @Test
    void resize_shorterSide_keepsAspectRatioAsTorchvision() {
        assertArrayEquals(new long[] {2, 5, 3}, Transforms.resize(2).apply(Nd4j.zeros(4, 11, 3)).shape());
        assertArrayEquals(new long[] {7, 3, 1}, Transforms.resize(3).apply(Nd4j.zeros(5, 2, 1)).shape());
    }

    @Test
    void resize_eachChannelSeparately() {
        INDArray image = Nd4j.create(new float[] {0, 100, 2, 200}, new long[] {1, 2, 2}, 'c');   // 2 pixels, 2 ch

        INDArray out = Transforms.resize(1, 1).apply(image);

        assertArrayEquals(new float[] {1, 150}, values(out), 1e-6f);
    }

    @Test
    void centerCrop_roundsTheOffsetHalfToEvenAsTorchvision() {
        // (5 - 2) / 2 = 1.5 rounds to 2; (3 - 2) / 2 = 0.5 rounds to 0
        INDArray out = Transforms.centerCrop(2, 2).apply(grid(5, 3));

        assertArrayEquals(new float[] {20, 21, 30, 31}, values(out));
    }

    @Test
    void centerCrop_largerThanTheImage_failsSayingResizeFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.centerCrop(4, 4).apply(grid(3, 5)));

        assertTrue(e.getMessage().contains("needs an image of at least 4x4, got 3x5"), e.getMessage());
    }

    @Test
    void randomCrop_takesTheWindowItsSeedChooses() {
        INDArray image = grid(5, 6);
        Random expected = new Random(7);
        ImageTransform crop = Transforms.randomCrop(2, 3, 7);

        for (int i = 0; i < 5; i++) {
            int top = expected.nextInt(5 - 2 + 1);
            int left = expected.nextInt(6 - 3 + 1);
            float[] window = new float[6];
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    window[y * 3 + x] = 10 * (top + y) + left + x;
                }
            }
            assertArrayEquals(window, values(crop.apply(image)), "crop " + i);
        }
    }

    @Test
    void randomCrop_reachesEveryPosition() {
        ImageTransform crop = Transforms.randomCrop(1, 1, 3);
        Set<Float> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(crop.apply(grid(2, 3)).getFloat(0, 0, 0));
        }

        assertEquals(Set.of(0f, 1f, 2f, 10f, 11f, 12f), seen);
    }

    @Test
    void randomHorizontalFlip_pOne_mirrorsPixelsNotChannels() {
        INDArray image = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {1, 3, 2}, 'c');   // 3 px, 2 ch

        INDArray out = Transforms.randomHorizontalFlip(1, 0).apply(image);

        assertArrayEquals(new float[] {5, 6, 3, 4, 1, 2}, values(out));
    }

    @Test
    void randomHorizontalFlip_pZero_isTheIdentity() {
        assertEquals(grid(2, 3), Transforms.randomHorizontalFlip(0, 0).apply(grid(2, 3)));
    }

    @Test
    void randomHorizontalFlip_sameSeed_sameSequence() {
        ImageTransform a = Transforms.randomHorizontalFlip(0.5, 11);
        ImageTransform b = Transforms.randomHorizontalFlip(0.5, 11);
        int flips = 0;
        for (int i = 0; i < 40; i++) {
            INDArray outA = a.apply(grid(1, 2));
            assertEquals(outA, b.apply(grid(1, 2)));
            flips += outA.getFloat(0, 0, 0) == 1f ? 1 : 0;
        }

        assertTrue(flips > 5 && flips < 35, "about half flipped, got " + flips);
    }

    @Test
    void toFloat_ubyte_dividesBy255() {
        INDArray image = Nd4j.createFromArray(new byte[] {0, 51, (byte) 255}).castTo(DataType.UINT8).reshape(1, 3, 1);

        INDArray out = Transforms.toFloat().apply(image);

        assertEquals(DataType.FLOAT, out.dataType());
        assertArrayEquals(new float[] {0f, 0.2f, 1f}, values(out), 1e-7f);
    }

    @Test
    void toFloat_floatInput_keepsValues() {
        INDArray image = Nd4j.create(new double[] {0.5, 3}, new long[] {1, 2, 1}, DataType.DOUBLE);

        INDArray out = Transforms.toFloat().apply(image);

        assertEquals(DataType.FLOAT, out.dataType());
        assertArrayEquals(new float[] {0.5f, 3f}, values(out));
    }

    @Test
    void normalize_perChannel_subtractsMeanDividesByStd() {
        INDArray image = Nd4j.create(new float[] {0.5f, 0.2f, 1f, 0.6f}, new long[] {1, 2, 2}, 'c');

        INDArray out = Transforms.normalize(new double[] {0.5, 0.4}, new double[] {0.25, 0.1}).apply(image);

        assertArrayEquals(new float[] {0f, -2f, 2f, 2f}, values(out), 1e-6f);
    }

    @Test
    void normalize_oneValue_appliesToEveryChannel() {
        INDArray image = Nd4j.create(new float[] {0f, 1f, 0.5f}, new long[] {1, 1, 3}, 'c');

        INDArray out = Transforms.normalize(new double[] {0.5}, new double[] {0.5}).apply(image);

        assertArrayEquals(new float[] {-1f, 1f, 0f}, values(out), 1e-7f);
    }

    @Test
    void normalize_ubyteInput_failsSayingToFloatFirst() {
        INDArray image = Nd4j.zeros(DataType.UINT8, 2, 2, 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.normalize(new double[] {0.5}, new double[] {0.5}).apply(image));

        assertTrue(e.getMessage().contains("put Transforms.toFloat() before it"), e.getMessage());
    }

    @Test
    void normalize_wrongChannelCount_failsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.normalize(new double[] {0, 0}, new double[] {1, 1}).apply(Nd4j.zeros(2, 2, 3)));

        assertEquals("normalize has 2 means and stds but the image [2, 2, 3] has 3 channels", e.getMessage());
    }

    @Test
    void normalize_zeroStd_fails() {
        assertThrows(IllegalArgumentException.class,
                () -> Transforms.normalize(new double[] {0}, new double[] {0}));
    }

    @Test
    void compose_appliesStepsInOrder() {
        INDArray image = Nd4j.createFromArray(new byte[] {0, (byte) 102, (byte) 204, (byte) 255})
                .castTo(DataType.UINT8).reshape(2, 2, 1);
        ImageTransform pipeline = Transforms.compose(Transforms.centerCrop(1, 2), Transforms.toFloat())
                .andThen(Transforms.normalize(new double[] {0.2}, new double[] {0.2}));

        INDArray out = pipeline.apply(image);

        // crop keeps the row (1 - 0) / 2 = 0.5 -> 0: pixels 0, 102 -> 0, 0.4 -> -1, 1
        assertArrayEquals(new float[] {-1f, 1f}, values(out), 1e-6f);
        assertEquals("compose[centerCrop(1, 2), toFloat(), normalize([0.2], [0.2])]", pipeline.toString());
    }

    @Test
    void capstonePipeline_resizeCenterCropToFloatNormalize_followsTorchvisionsFormulas() {
        // a 4 x 6 RGB image whose 2 x 2 block means all end in .5, so the uint8 rounding (half to even) shows
        int[][][] v = new int[4][6][3];
        byte[] bytes = new byte[4 * 6 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                for (int c = 0; c < 3; c++) {
                    v[y][x][c] = y * 17 + x * x * x + 2 * x * y + 40 * c;
                    bytes[(y * 6 + x) * 3 + c] = (byte) v[y][x][c];
                }
            }
        }
        INDArray image = Nd4j.createFromArray(bytes).castTo(DataType.UINT8).reshape(4, 6, 3);
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        ImageTransform pipeline = Transforms.compose(Transforms.resize(2), Transforms.centerCrop(2, 2),
                Transforms.toFloat(), Transforms.normalize(mean, std));

        INDArray out = pipeline.apply(image);

        // Resize(2): the shorter side 4 -> 2, the longer 6 -> floor(2 * 6 / 4) = 3. Bilinear with half-pixel centres
        // at scale 2 samples (2 i + 0.5, 2 j + 0.5): the mean of the 2 x 2 block, rounded half to even (uint8).
        // CenterCrop(2, 2) of 2 x 3: top round(0 / 2) = 0, left round(1 / 2) = 0 (half to even).
        // ToTensor: / 255. Normalize: (x - mean[c]) / std[c].
        assertArrayEquals(new long[] {2, 2, 3}, out.shape());
        float[] expected = new float[12];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int c = 0; c < 3; c++) {
                    double block = v[2 * i][2 * j][c] + v[2 * i][2 * j + 1][c] + v[2 * i + 1][2 * j][c]
                            + v[2 * i + 1][2 * j + 1][c];
                    double resized = Math.rint(block / 4);
                    expected[(i * 2 + j) * 3 + c] = (float) ((resized / 255 - mean[c]) / std[c]);
                }
            }
        }
        assertArrayEquals(expected, values(out), 1e-6f);
        // torchvision 0.14: Compose([Resize(2, antialias=False), CenterCrop(2), ConvertImageDtype(float), Normalize])
        // on the same image, channels moved last
        assertArrayEquals(new float[] {-1.9466565f, -1.1603640f, -0.2358169f, -1.6384109f, -0.8452380f, 0.0779086f,
                -1.3301654f, -0.5301120f, 0.3916340f, -0.8849217f, -0.0749300f, 0.8447932f}, values(out), 1e-6f);
    }

    @Test
    void transforms_neverModifyTheirInput() {
        INDArray image = grid(3, 3);
        INDArray copy = image.dup();

        Transforms.compose(Transforms.resize(2, 2), Transforms.randomHorizontalFlip(1, 1), Transforms.toFloat(),
                Transforms.normalize(new double[] {1}, new double[] {2})).apply(image);
        Transforms.toFloat().apply(image).addi(1);
        Transforms.randomHorizontalFlip(0, 1).apply(image).addi(1);

        assertEquals(copy, image);
    }

    @Test
    void apply_notOneHwcImage_failsNamingTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.resize(2, 2).apply(Nd4j.zeros(4, 4)));

        assertEquals("resize expects one non-empty image [height, width, channels], got shape [4, 4]",
                e.getMessage());
    }

    @Test
    void factories_rejectBadArguments() {
        assertEquals("height must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> Transforms.resize(0, 3)).getMessage());
        assertEquals("p must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class,
                        () -> Transforms.randomHorizontalFlip(1.5, 0)).getMessage());
        assertNotEquals(null, Transforms.compose());
    }
}
