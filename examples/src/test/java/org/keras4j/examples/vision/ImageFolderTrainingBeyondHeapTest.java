package org.keras4j.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-folder loader trains on a folder larger than the heap would hold: a child JVM with {@code -Xmx48m} fits a
 * small CNN for one epoch on a generated index of {@value #IMAGES} grayscale {@value #SIDE}x{@value #SIDE} PNGs, whose
 * decoded float pixels (768 MiB) are more than five times the heap.
 *
 * <p>ND4J keeps array data off the Java heap, so the heap alone would not show a loader that keeps every image: the
 * test also bounds the child's peak resident memory (heap, off-heap arrays and native libraries together, about
 * 280 MB measured) by half the decoded data. JavaCPP's {@code org.bytedeco.javacpp.maxbytes} does not bound ND4J
 * 1.0.0-M2.1's CPU arrays (libnd4j allocates them itself; this child trains as well with {@code maxbytes=4m}), so it
 * is left at its default. JavaCPP's resident-set check ({@code maxPhysicalBytes}, 192 MB with this heap) would count
 * ND4J's native libraries, about 200 MB resident before any data, and stop the child; it is turned off.
 */
class ImageFolderTrainingBeyondHeapTest {

    private static final int IMAGES = 192;
    private static final int SIDE = 1024;
    private static final int BATCH = 4;
    private static final int FILES_PER_CLASS = 3;

    @TempDir
    Path dir;

    @Test
    void fit_onAFolderLargerThanTheHeap_trainsOneEpochInASmallHeap() throws IOException, InterruptedException {
        writeFolder();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx48m",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-cp", classpath, LargeFolderTrainMain.class.getName(),
                dir.resolve("index.csv").toString(), Integer.toString(SIDE), Integer.toString(BATCH));
        Path logFile = dir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);

        assertTrue(finished, "the child JVM did not finish in 120 s:\n" + log);
        assertEquals(0, child.exitValue(), "the child JVM failed:\n" + log);
        Matcher trained = Pattern.compile("batches=(\\d+) images=(\\d+) loss=(\\S+) accuracy=(\\S+)").matcher(log);
        assertTrue(trained.find(), log);
        assertEquals((IMAGES + BATCH - 1) / BATCH, Integer.parseInt(trained.group(1)), "batches trained on");
        assertEquals(IMAGES, Integer.parseInt(trained.group(2)));
        double loss = Double.parseDouble(trained.group(3));
        assertTrue(Double.isFinite(loss) && loss > 0, "epoch loss " + loss);

        Matcher memory = Pattern.compile("maxHeap=(\\d+) decodedBytes=(\\d+) peakResidentBytes=(\\d+)").matcher(log);
        assertTrue(memory.find(), log);
        long heap = Long.parseLong(memory.group(1));
        long decoded = Long.parseLong(memory.group(2));
        long resident = Long.parseLong(memory.group(3));
        assertEquals((long) IMAGES * SIDE * SIDE * Float.BYTES, decoded, "bytes of float pixels fed to fit");
        assertTrue(decoded > 5 * heap, "the folder must not fit the heap: " + decoded + " bytes decoded, heap " + heap);
        assertTrue(resident < decoded / 2, "the process held " + resident + " bytes at its peak, for " + decoded
                + " bytes of decoded images: the loader must stream, not keep them");
    }

    /**
     * A few distinct PNGs, each listed many times: the index, not the disk, makes the folder large. Class 0 is dark
     * noise, class 1 bright noise.
     */
    private void writeFolder() throws IOException {
        Random random = new Random(3);
        int[] row = new int[SIDE];
        for (int label = 0; label < 2; label++) {
            for (int f = 0; f < FILES_PER_CLASS; f++) {
                BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
                WritableRaster raster = image.getRaster();
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        row[x] = label * 128 + random.nextInt(128);
                    }
                    raster.setSamples(0, y, SIDE, 1, 0, row);
                }
                Path file = dir.resolve("images/" + label + "/" + f + ".png");
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        }
        StringBuilder csv = new StringBuilder("path,label\n");
        for (int i = 0; i < IMAGES; i++) {
            int label = i % 2;
            csv.append("images/").append(label).append('/').append((i / 2) % FILES_PER_CLASS).append(".png,")
                    .append(label).append('\n');
        }
        Files.writeString(dir.resolve("index.csv"), csv);
    }
}
