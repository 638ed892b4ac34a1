package org.keras4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageFilesTest {

    @TempDir
    Path dir;

    private static INDArray ubyte(int h, int w, int c, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return Nd4j.createFromArray(b).castTo(DataType.UINT8).reshape('c', h, w, c);
    }

    @Test
    void writeThenRead_grayscalePng_keepsEveryValue() {
        INDArray image = ubyte(2, 3, 1, 0, 1, 127, 128, 254, 255);
        Path file = dir.resolve("gray.png");

        ImageFiles.write(image, file);
        INDArray back = ImageFiles.read(file, "grayscale");

        assertEquals(DataType.UINT8, back.dataType());
        assertEquals(image, back);
    }

    @Test
    void writeThenRead_rgbaPng_keepsEveryChannel() {
        INDArray image = ubyte(1, 2, 4, 10, 20, 30, 255, 200, 100, 0, 128);
        Path file = dir.resolve("rgba.png");

        ImageFiles.write(image, file);

        assertEquals(image, ImageFiles.read(file, "rgba"));
        assertEquals(ubyte(1, 2, 3, 10, 20, 30, 200, 100, 0), ImageFiles.read(file, "rgb"));
    }

    @Test
    void read_grayscaleFileAsRgb_repeatsTheValue() {
        Path file = dir.resolve("gray.png");
        ImageFiles.write(ubyte(1, 2, 1, 7, 200), file);

        assertEquals(ubyte(1, 2, 3, 7, 7, 7, 200, 200, 200), ImageFiles.read(file, "rgb"));
    }

    @Test
    void read_rgbFileAsGrayscale_usesPillowsLuma() {
        Path file = dir.resolve("rgb.png");
        ImageFiles.write(ubyte(1, 3, 3, 255, 0, 0, 0, 255, 0, 10, 20, 30), file);

        // (19595 R + 38470 G + 7471 B + 32768) >> 16: red 76, green 150, (10, 20, 30) -> 18
        assertArrayEquals(new int[] {76, 150, 18}, ImageFiles.read(file, "grayscale").ravel().toIntVector());
    }

    @Test
    void read_16bitGrayscale_scalesTo255() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 257 * 100);
        Path file = dir.resolve("deep.png");
        ImageIO.write(image, "png", file.toFile());

        assertArrayEquals(new int[] {255, 100}, ImageFiles.read(file, "grayscale").ravel().toIntVector());
    }

    @Test
    void write_floatImage_isTakenAsZeroToOne() {
        Path file = dir.resolve("float.png");

        ImageFiles.write(Nd4j.create(new float[] {0f, 0.5f, 1f}, new long[] {1, 3, 1}, 'c'), file);

        assertArrayEquals(new int[] {0, 128, 255}, ImageFiles.read(file, "grayscale").ravel().toIntVector());
    }

    @Test
    void read_notAnImage_failsNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "not a picture");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.read(file, "rgb"));

        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void read_unknownColorMode_listsTheModes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.read(dir.resolve("x.png"), "bgr"));

        assertEquals("colorMode must be one of [grayscale, rgb, rgba], got 'bgr'", e.getMessage());
    }

    @Test
    void write_twoChannels_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.write(Nd4j.zeros(2, 2, 2), dir.resolve("x.png")));

        assertTrue(e.getMessage().contains("1, 3 or 4 channels, got shape [2, 2, 2]"), e.getMessage());
    }
}
