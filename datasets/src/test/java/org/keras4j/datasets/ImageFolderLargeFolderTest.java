package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-folder iterator trains on a folder larger than the heap: a child JVM with {@code -Xmx64m} (which also
 * caps ND4J's off-heap memory at 64 MB, JavaCPP's default) streams a generated index of 50 grayscale 1024x1024 PNGs,
 * 210 MB of decoded float pixels.
 */
class ImageFolderLargeFolderTest {

    private static final int IMAGES = 50;
    private static final int SIDE = 1024;
    private static final int FILES = 5;

    @TempDir
    Path dir;

    private static int pixel(int image, int y, int x) {
        return (x + 3 * y + 17 * image) & 0xff;
    }

    @Test
    void iterator_streamsAFolderLargerThanTheHeap() throws IOException, InterruptedException {
        // a few distinct files, each listed many times: the index, not the disk, makes the folder large
        double[] fileSums = new double[FILES];
        int[] row = new int[SIDE];
        for (int f = 0; f < FILES; f++) {
            BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = image.getRaster();
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    row[x] = pixel(f, y, x);
                    fileSums[f] += row[x] / 255.0;
                }
                raster.setSamples(0, y, SIDE, 1, 0, row);
            }
            Path file = dir.resolve("images/" + f + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }
        StringBuilder csv = new StringBuilder("path,label\n");
        double expectedSum = 0;
        for (int i = 0; i < IMAGES; i++) {
            csv.append("images/").append(i % FILES).append(".png,").append(i % 10).append('\n');
            expectedSum += fileSums[i % FILES];
        }
        Path index = Files.writeString(dir.resolve("index.csv"), csv);

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m",
                // the RSS limit (twice the heap by default) would count ND4J's native libraries, not our data
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-cp", classpath, LargeFolderStreamMain.class.getName(), index.toString(), "4"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        if (!finished) {
            child.destroyForcibly();
        }

        assertTrue(finished, "the child JVM did not finish in 120 s:\n" + log);
        assertEquals(0, child.exitValue(), "the child JVM failed:\n" + log);
        for (int epoch = 0; epoch < LargeFolderStreamMain.EPOCHS; epoch++) {
            Matcher m = Pattern.compile("epoch=" + epoch + " images=(\\d+) sum=(\\S+)").matcher(log);
            assertTrue(m.find(), log);
            assertEquals(IMAGES, Integer.parseInt(m.group(1)));
            assertEquals(expectedSum, Double.parseDouble(m.group(2)), expectedSum * 1e-5, "pixel sum, epoch "
                    + epoch);
        }
        Matcher memory = Pattern.compile("maxHeap=(\\d+) decodedBytesPerEpoch=(\\d+)").matcher(log);
        assertTrue(memory.find(), log);
        long heap = Long.parseLong(memory.group(1));
        long decoded = Long.parseLong(memory.group(2));
        assertEquals((long) IMAGES * SIDE * SIDE * 4, decoded);
        assertTrue(decoded > 3 * heap, "the folder must not fit the heap: " + decoded + " bytes decoded, heap "
                + heap);
    }
}
