package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.datasets.image.ImageFiles;
import org.keras4j.datasets.image.Transforms;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class ImageFolderTest {

    @TempDir
    Path dir;

    /** A 2x2 gray PNG whose four pixels are {@code v}, {@code v + 1}, {@code v + 2}, {@code v + 3}. */
    private void gray(String path, int v) {
        byte[] b = {(byte) v, (byte) (v + 1), (byte) (v + 2), (byte) (v + 3)};
        ImageFiles.write(Nd4j.createFromArray(b).castTo(DataType.UINT8).reshape(2, 2, 1), dir.resolve(path));
    }

    /** {@code n} gray images {@code img/<i>.png} with pixel base {@code 10 i}, label {@code i % 3}. */
    private Path pathLabelFolder(int n) throws IOException {
        StringBuilder csv = new StringBuilder("path,label\n");
        for (int i = 0; i < n; i++) {
            gray("img/" + i + ".png", 10 * i);
            csv.append("img/").append(i).append(".png,").append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("index.csv"), csv);
    }

    /** The image number of each sample of a batch, from its first pixel (10 i / 255). */
    private static List<Integer> ids(DataSet batch) {
        List<Integer> ids = new ArrayList<>();
        for (int b = 0; b < batch.numExamples(); b++) {
            ids.add(Math.round(batch.getFeatures().getFloat(b, 0, 0, 0) * 255 / 10));
        }
        return ids;
    }

    @Test
    void pathLabelCsv_streamsNhwcFloatBatchesWithOneHotLabels() throws IOException {
        ImageFolder folder = ImageFolder.fromCsv(pathLabelFolder(5)).withColorMode("grayscale");

        DataSetIterator it = folder.iterator(2, false, 0);
        DataSet first = it.next();

        assertArrayEquals(new long[] {2, 2, 2, 1}, first.getFeatures().shape());
        assertEquals(DataType.FLOAT, first.getFeatures().dataType());
        // image 1: pixels 10, 11, 12, 13 in row-major order, scaled to [0, 1]
        assertArrayEquals(new float[] {10 / 255f, 11 / 255f, 12 / 255f, 13 / 255f},
                first.getFeatures().slice(1).dup().data().asFloat(), 1e-7f);
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}}), first.getLabels());
        assertEquals(List.of("0", "1", "2"), it.getLabels());
        assertEquals(3, it.totalOutcomes());
        assertEquals(4, it.inputColumns());
        assertEquals(List.of(2, 3), ids(it.next()));
        DataSet last = it.next();
        assertEquals(List.of(4), ids(last), "the last batch holds the rest");
        assertFalse(it.hasNext());
    }

    @Test
    void capstoneCsv_selectsATypeAndSortsStringClasses() throws IOException {
        String[][] rows = {{"train", "Positive"}, {"train", "Negative"}, {"valid", "Positive"},
                {"train", "Positive"}};
        StringBuilder csv = new StringBuilder("index, type, path, class\n");
        for (int i = 0; i < rows.length; i++) {
            ImageFiles.write(Nd4j.valueArrayOf(new long[] {3, 4, 3}, 20 * i).castTo(DataType.UINT8),
                    dir.resolve("crack/" + i + ".png"));
            csv.append(i).append(", ").append(rows[i][0]).append(", crack/").append(i).append(".png, ")
                    .append(rows[i][1]).append('\n');
        }
        Path index = Files.writeString(dir.resolve("capstone.csv"), csv);

        ImageFolder train = ImageFolder.fromCsv(index).withType("train").withLabelMode("int");
        DataSet batch = train.iterator(8, false, 0).next();

        assertEquals(List.of("Negative", "Positive"), train.classNames());
        assertEquals(3, train.size());
        assertArrayEquals(new long[] {3, 3, 4, 3}, batch.getFeatures().shape(), "rgb by default, as Keras");
        assertEquals(Nd4j.createFromArray(new float[][] {{1}, {0}, {1}}), batch.getLabels());
        assertEquals(60 / 255f, batch.getFeatures().getFloat(2, 1, 1, 2), 1e-7f);
        assertEquals(1, ImageFolder.fromCsv(index).withType("valid").size());
    }

    @Test
    void capstoneHeader_hashTypePathClassInCapitals_readsWithoutNamingColumns() throws IOException {
        gray("a.png", 0);
        gray("b.png", 10);
        gray("c.png", 20);
        Path index = Files.writeString(dir.resolve("i.csv"),
                "#,TYPE,PATH,CLASS\n0,train,a.png,Sandal\n1,test,b.png,Bag\n2,train,c.png,Bag\n");

        ImageFolder train = ImageFolder.fromCsv(index).withType("train");

        assertEquals(List.of("Bag", "Sandal"), train.classNames());
        assertEquals(List.of(1, 0), List.of(train.label(0), train.label(1)));
        assertEquals(dir.resolve("c.png").toAbsolutePath(), train.file(1));
    }

    @Test
    void customColumnNames_pickThePathLabelAndSplitColumns() throws IOException {
        gray("x/a.png", 0);
        gray("x/b.png", 10);
        gray("x/c.png", 20);
        // "path" and "label" columns exist too, to show the named ones win
        Path index = Files.writeString(dir.resolve("i.csv"), "path,label,File, category ,split\n"
                + "-,-,x/a.png,7,fit\n-,-,x/b.png,5,holdout\n-,-,x/c.png,9,fit\n");

        ImageFolder fit = ImageFolder.fromCsv(index, "file", "Category", "split").withType("fit")
                .withColorMode("grayscale");
        ImageFolder all = ImageFolder.fromCsv(index, "file", "category", null);

        assertEquals(2, fit.size());
        assertEquals(List.of(7, 9), List.of(fit.label(0), fit.label(1)), "numbers are class indices");
        assertEquals(20 / 255f, fit.load().x().getFloat(1, 0, 0, 0), 1e-7f);
        assertEquals(3, all.size());
        assertThrows(IllegalArgumentException.class, () -> all.withType("fit"), "no type column named");
    }

    @Test
    void customColumnName_notInTheHeader_failsNamingArgumentAndColumns() throws IOException {
        gray("a.png", 0);
        Path index = Files.writeString(dir.resolve("i.csv"), "file,category\na.png,0\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.fromCsv(index, "file", "class", null));

        assertTrue(e.getMessage().endsWith("has no column 'class' (labelColumn); the columns are [file, category]"),
                e.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.fromCsv(index, " ", "category", null));
        assertEquals("pathColumn must name a column, got ' '", blank.getMessage());
    }

    @Test
    void withType_unknownType_listsTheTypes() throws IOException {
        gray("a.png", 0);
        Path index = Files.writeString(dir.resolve("i.csv"), "index,type,path,class\n0,train,a.png,x\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.fromCsv(index).withType("test"));

        assertTrue(e.getMessage().endsWith("has no rows of type 'test'; the types are [train]"), e.getMessage());
    }

    @Test
    void shuffle_sameSeedSameOrder_newOrderEachEpoch_everyImageOnce() throws IOException {
        ImageFolder folder = ImageFolder.fromCsv(pathLabelFolder(12)).withColorMode("grayscale");
        DataSetIterator a = folder.iterator(5, true, 42);
        DataSetIterator b = folder.iterator(5, true, 42);

        List<List<Integer>> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> order = new ArrayList<>();
            List<Integer> orderB = new ArrayList<>();
            while (a.hasNext()) {
                order.addAll(ids(a.next()));
                orderB.addAll(ids(b.next()));
            }
            assertEquals(order, orderB, "same seed, same order");
            assertEquals(12, new HashSet<>(order).size(), "every image once per epoch");
            epochs.add(order);
            a.reset();
            b.reset();
        }
        assertNotEquals(epochs.get(0), epochs.get(1));
        assertNotEquals(epochs.get(1), epochs.get(2));
        assertNotEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), epochs.get(0));
    }

    @Test
    void iterator_decodesOnlyTheBatchAskedFor() throws IOException {
        AtomicInteger decoded = new AtomicInteger();
        ImageFolder folder = ImageFolder.fromCsv(pathLabelFolder(10)).withColorMode("grayscale")
                .withDecoder((file, mode) -> {
                    decoded.incrementAndGet();
                    return ImageFiles.read(file, mode);
                });

        DataSetIterator it = folder.iterator(3, true, 1);
        assertEquals(0, decoded.get(), "creating the iterator decodes nothing");
        int batches = 0;
        while (it.hasNext()) {
            it.next();
            batches++;
            assertEquals(Math.min(3 * batches, 10), decoded.get(), "after batch " + batches);
        }
        it.reset();
        it.next();
        assertEquals(13, decoded.get(), "a new epoch decodes again, one batch at a time");
    }

    @Test
    void transform_runsOnEveryImage() throws IOException {
        ImageFolder folder = ImageFolder.fromCsv(pathLabelFolder(2)).withColorMode("grayscale")
                .withTransform(Transforms.compose(Transforms.resize(4, 4), Transforms.toFloat(),
                        Transforms.normalize(new double[] {0.5}, new double[] {0.5})));

        INDArray x = folder.iterator(2, false, 0).next().getFeatures();

        assertArrayEquals(new long[] {2, 4, 4, 1}, x.shape());
        assertEquals((0 / 255f - 0.5f) / 0.5f, x.getFloat(0, 0, 0, 0), 1e-6f);
    }

    @Test
    void imagesOfDifferentSizes_failNamingTheRowAndTheFix() throws IOException {
        gray("a.png", 0);
        ImageFiles.write(Nd4j.zeros(DataType.UINT8, 3, 3, 1), dir.resolve("b.png"));
        Path index = Files.writeString(dir.resolve("i.csv"), "path,label\na.png,0\nb.png,1\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.fromCsv(index).iterator(2, false, 0).next());

        assertTrue(e.getMessage().contains("row 3 (" + dir.resolve("b.png") + ") gives an image of shape [3, 3, 3]"
                + " but the first image gave [2, 2, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("Transforms.resize(height, width)"), e.getMessage());
    }

    @Test
    void missingImageFile_failsAtOnceNamingTheRow() throws IOException {
        gray("a.png", 0);
        Path index = Files.writeString(dir.resolve("i.csv"), "path,label\na.png,0\nmissing.png,1\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.fromCsv(index));

        assertTrue(e.getMessage().contains("row 3 names image 'missing.png', but " + dir.resolve("missing.png")
                + " does not exist"), e.getMessage());
    }

    @Test
    void corruptImage_failsNamingTheRow() throws IOException {
        gray("a.png", 0);
        Files.writeString(dir.resolve("b.png"), "garbage");
        Path index = Files.writeString(dir.resolve("i.csv"), "path,label\na.png,0\nb.png,1\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.fromCsv(index).iterator(1, false, 0).next(2));

        assertTrue(e.getMessage().startsWith(index + ": row 3 (" + dir.resolve("b.png") + "): "), e.getMessage());
    }

    @Test
    void hugeNumericLabel_failsNamingRowLabelAndBound_withoutBuildingClasses() throws IOException {
        gray("a.png", 0);
        gray("b.png", 4);
        Path index = Files.writeString(dir.resolve("i.csv"), "path,label\na.png,0\n\nb.png,999999999\n");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.fromCsv(index));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().startsWith(index + ": row 4 has the class index 999999999, expected an index below"
                + " 65536"), e.getMessage());
        assertTrue(e.getMessage().contains("withClassNames"), e.getMessage());
        assertTrue(allocated < 8 << 20, "allocated " + allocated + " bytes");
        // the largest index allowed still works
        Files.writeString(index, "path,label\na.png,0\nb.png,65535\n");
        assertEquals(65536, ImageFolder.fromCsv(index).classNames().size());
    }

    @Test
    void csvWithoutLabelColumn_failsListingTheColumns() throws IOException {
        Path index = Files.writeString(dir.resolve("i.csv"), "file,target\na.png,0\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.fromCsv(index));

        assertTrue(e.getMessage().contains("has no path column; the columns are [file, target]"), e.getMessage());
    }

    @Test
    void withClassNames_fixesTheIndicesAndRejectsUnknownLabels() throws IOException {
        gray("a.png", 0);
        gray("b.png", 10);
        Path index = Files.writeString(dir.resolve("i.csv"), "path,label\na.png,dog\nb.png,cat\n");

        ImageFolder folder = ImageFolder.fromCsv(index).withClassNames(List.of("dog", "cat", "bird"));

        assertEquals(List.of(0, 1), List.of(folder.label(0), folder.label(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.fromCsv(index).withClassNames(List.of("dog")));
        assertTrue(e.getMessage().contains("row 3 has label 'cat', which is neither one of the class names [dog]"),
                e.getMessage());
    }

    @Test
    void load_smallFolder_givesImageData() throws IOException {
        ImageData data = ImageFolder.fromCsv(pathLabelFolder(4)).withColorMode("grayscale").load();

        assertArrayEquals(new long[] {4, 2, 2, 1}, data.x().shape());
        assertEquals(List.of(0, 1, 2, 0), List.of(data.label(0), data.label(1), data.label(2), data.label(3)));
        assertEquals(30 / 255f, data.x().getFloat(3, 0, 0, 0), 1e-7f);
    }

    @Test
    void referenceFolder_decodesTheSamePixelsAsTheIdxFile() {
        Path small = MnistTest.referenceData("fashion-mnist-png-small");
        Path idx = MnistTest.referenceData("fashion-mnist").resolve(MnistLoader.TRAIN_IMAGES);

        ImageFolder folder = ImageFolder.fromCsv(small.resolve("train.csv")).withColorMode("grayscale")
                .withTransform(Transforms.compose());   // raw 0..255 values, as floats
        INDArray first = folder.iterator(1, false, 0).next().getFeatures();
        IdxArray images = Idx.read(idx);

        // provenance.csv: train/0/0000.png is image 1 of train-images-idx3-ubyte.gz
        assertEquals(Path.of("train/0/0000.png"), small.toAbsolutePath().relativize(folder.file(0).toAbsolutePath()));
        assertEquals(1000, folder.size());
        byte[] expected = java.util.Arrays.copyOfRange(images.data(), 784, 2 * 784);
        float[] actual = first.data().asFloat();
        for (int i = 0; i < 784; i++) {
            assertEquals(expected[i] & 0xff, actual[i], "pixel " + i);
        }
        Set<Integer> labels = new HashSet<>();
        for (int i = 0; i < folder.size(); i++) {
            labels.add(folder.label(i));
        }
        assertEquals(10, labels.size());
    }
}
