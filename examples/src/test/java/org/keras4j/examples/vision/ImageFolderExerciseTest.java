package org.keras4j.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.datasets.DatasetLocator;
import org.keras4j.datasets.MissingDatasetException;
import org.keras4j.examples.Exercises;

class ImageFolderExerciseTest {

    @TempDir
    Path tmp;

    /** A lookup that sees only {@code dir}: no data property, environment or caches of this machine. */
    private DatasetLocator isolated(Path dir) throws IOException {
        return DatasetLocator.defaults().withDirectory(dir).withSystemProperties(Map.of())
                .withEnvironment(Map.of()).withUserHome(Files.createDirectories(tmp.resolve("home")))
                .withSystemDatasetsDirectory(tmp.resolve("system"));
    }

    /** A tiny folder in the capstone layout: dark images are class 0, bright ones class 1. */
    private Path writeFolder(Path root) throws IOException {
        Path dir = root.resolve("fashion-mnist-png-small");
        Random random = new Random(5);
        for (String split : new String[] {"train", "test"}) {
            int n = split.equals("train") ? 32 : 8;
            StringBuilder csv = new StringBuilder("path,label\n");
            for (int i = 0; i < n; i++) {
                int label = i % 2;
                BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        image.getRaster().setSample(x, y, 0, label * 128 + random.nextInt(128));
                    }
                }
                String path = split + "/" + label + "/" + i + ".png";
                Files.createDirectories(dir.resolve(path).getParent());
                ImageIO.write(image, "png", dir.resolve(path).toFile());
                csv.append(path).append(',').append(label).append('\n');
            }
            Files.writeString(dir.resolve(split + ".csv"), csv);
        }
        return dir;
    }

    @Test
    void registry_listsImageFolderAfterTheOtherVisionExercises() {
        assertEquals("image-folder", Exercises.find("image-folder").name());
        assertTrue(Exercises.names().indexOf("image-folder") > Exercises.names().indexOf("mnist-convnet"));
    }

    @Test
    void locate_dataRootHoldingTheFolder_returnsTheFolder() throws IOException {
        Path dir = writeFolder(tmp.resolve("data"));
        assertEquals(dir, ImageFolderExercise.locate(isolated(tmp.resolve("data"))));
    }

    @Test
    void locate_folderMissing_throwsMissingDatasetSayingWhatToPutWhere() throws IOException {
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> ImageFolderExercise.locate(isolated(Files.createDirectories(tmp.resolve("empty")))));
        assertTrue(e.getMessage().contains("fashion-mnist-png-small/ holding train.csv and test.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("--data ../shared/data"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("empty").toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void testAccuracy_tinySeparableFolder_learnsIt() throws IOException {
        Path dir = writeFolder(tmp.resolve("data"));
        double acc = ImageFolderExercise.testAccuracy(dir, 0, null);
        assertEquals(1.0, acc, 1e-9, "dark vs bright images");
    }
}
