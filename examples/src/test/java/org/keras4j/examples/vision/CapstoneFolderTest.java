package org.keras4j.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.ImageFolder;
import org.keras4j.datasets.TrainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CapstoneFolderTest {

    /** {@code n} 3 x 3 gray images whose pixels are all {@code i / 255}, labels {@code i % 4}. */
    private static ImageData images(int n) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 3, 3, 1);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(i / 255f);
            y[i] = i % 4;
        }
        return new ImageData(x, Nd4j.create(y, new long[] {n, 1}, 'c'), List.of("a", "b", "c", "d"));
    }

    @Test
    void write_capstoneIndex_firstImagesPerClass_allTestImages_pixelsExact(@TempDir Path dir) throws Exception {
        Path csv = CapstoneFolder.write(dir, new TrainTest<>(images(12), images(8)), Set.of(1, 3), 2);

        List<String> lines = Files.readAllLines(csv);
        assertEquals("#,TYPE,PATH,CLASS", lines.get(0));
        assertEquals("0,train,train/1/00001.png,b", lines.get(1));
        assertEquals(List.of("1,train,train/3/00003.png,d", "2,train,train/1/00005.png,b",
                "3,train,train/3/00007.png,d", "4,test,test/1/00001.png,b"), lines.subList(2, 6));
        assertEquals(1 + 4 + 4, lines.size(), "2 per class for training, every test image of the classes");
        ImageFolder train = ImageFolder.fromCsv(csv).withType("train").withColorMode("grayscale");
        assertEquals(List.of("b", "d"), train.classNames());
        assertEquals(7 / 255f, train.load().x().getFloat(3, 2, 2, 0), 1e-7f);
        assertEquals(4, ImageFolder.fromCsv(csv).withType("test").size());
    }

    @Test
    void write_badClassesOrCount_fail(@TempDir Path dir) {
        TrainTest<ImageData> data = new TrainTest<>(images(4), images(4));
        assertThrows(IllegalArgumentException.class, () -> CapstoneFolder.write(dir, data, Set.of(4), 1));
        assertThrows(IllegalArgumentException.class, () -> CapstoneFolder.write(dir, data, Set.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> CapstoneFolder.write(dir, data, Set.of(1), 0));
    }
}
