package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MnistTest {

    @TempDir
    Path tmp;

    /** A locator that sees nothing of this machine and never downloads. */
    private DatasetLocator offline() {
        return DatasetLocator.defaults().withEnvironment(Map.of()).withSystemProperties(Map.of())
                .withUserHome(tmp.resolve("home")).withSystemDatasetsDirectory(tmp.resolve("usr-share"))
                .withDownload(false);
    }

    /**
     * The reference copies, in the data root CI passes as -Dkeras4j.data, else in the repository's sibling
     * {@code shared/data} (tests skip without them).
     */
    static Path referenceData(String name) {
        String root = System.getProperty(DatasetLocator.PROPERTY, "");
        Path dir = (root.isBlank() ? Path.of("../../shared/data") : Path.of(root)).resolve(name).toAbsolutePath();
        assumeTrue(Files.isDirectory(dir), "reference data " + dir.toAbsolutePath()
                + " not found: run with -Dkeras4j.data=<root holding " + name + "/>");
        return dir;
    }

    // ---------------------------------------------------------------- tiny files, through the loader

    private static byte[] idx(IdxArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Idx.write(array, out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DatasetLocator.newSha256().digest(bytes));
    }

    /** A 4-file MNIST-like dataset of 3 train and 2 test images of 2x2, written raw; returns its spec. */
    private DatasetFiles writeTiny(Path dir) throws IOException {
        byte[][] contents = {
                idx(IdxArray.ofUnsignedBytes(new byte[] {0, 51, (byte) 255, 102, 1, 2, 3, 4, 5, 6, 7, 8}, 3, 2, 2)),
                idx(IdxArray.ofUnsignedBytes(new byte[] {2, 0, 1}, 3)),
                idx(IdxArray.ofUnsignedBytes(new byte[] {9, 9, 9, 9, (byte) 128, 0, 0, 0}, 2, 2, 2)),
                idx(IdxArray.ofUnsignedBytes(new byte[] {1, 1}, 2)),
        };
        String[] names = {MnistLoader.TRAIN_IMAGES, MnistLoader.TRAIN_LABELS, MnistLoader.TEST_IMAGES,
                MnistLoader.TEST_LABELS};
        Files.createDirectories(dir);
        List<DatasetFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DatasetFile f = new DatasetFile(names[i], contents[i].length, sha256(contents[i]), sha256(contents[i]));
            Files.write(dir.resolve(f.uncompressedName()), contents[i]);   // stored decompressed
            files.add(f);
        }
        return new DatasetFiles("tiny-mnist", "Tiny MNIST", files, List.of(), null, null);
    }

    private MnistLoader tinyLoader(DatasetFiles spec, Path dir) {
        return new MnistLoader(spec, List.of("zero", "one", "two"), offline(), false).directory(dir);
    }

    @Test
    void load_tinyFiles_givesNhwcPixelsInZeroOneAndIndexLabels() throws IOException {
        Path dir = tmp.resolve("data");
        DatasetFiles spec = writeTiny(dir);

        TrainTest<ImageData> data = tinyLoader(spec, dir).load();

        ImageData train = data.train();
        assertArrayEquals(new long[] {3, 2, 2, 1}, train.x().shape());
        assertEquals(DataType.FLOAT, train.x().dataType());
        assertArrayEquals(new float[] {0f, 51 / 255f, 1f, 102 / 255f},
                train.x().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().data().asFloat(), 1e-7f);
        assertArrayEquals(new float[] {2, 0, 1}, train.y().dup().data().asFloat());
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}), train.yOneHot());
        assertEquals(List.of("zero", "one", "two"), train.labelNames());
        assertEquals(2, data.test().numImages());
        assertEquals(128 / 255f, data.test().x().getFloat(1, 0, 0, 0), 1e-7f);
    }

    @Test
    void load_rawPixels_keepsUnsignedBytes() throws IOException {
        Path dir = tmp.resolve("data");
        DatasetFiles spec = writeTiny(dir);

        ImageData train = tinyLoader(spec, dir).rawPixels().load().train();

        assertEquals(DataType.UINT8, train.x().dataType());
        assertEquals(255, train.x().getInt(0, 1, 0, 0));
        assertEquals(102, train.x().getInt(0, 1, 1, 0));
    }

    @Test
    void load_fileWithOtherContent_failsNamingFileAndChecksums() throws IOException {
        Path dir = tmp.resolve("data");
        DatasetFiles spec = writeTiny(dir);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(labels, idx(IdxArray.ofUnsignedBytes(new byte[] {2, 2, 1}, 3)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tinyLoader(spec, dir).load());

        assertTrue(e.getMessage().startsWith(labels + " is not the official Tiny MNIST file "
                + "train-labels-idx1-ubyte.gz: its content has sha256 "), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + spec.files().get(1).contentSha256()), e.getMessage());
    }

    @Test
    void load_truncatedFile_failsAsTruncated() throws IOException {
        Path dir = tmp.resolve("data");
        DatasetFiles spec = writeTiny(dir);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tinyLoader(spec, dir).load());

        assertTrue(e.getMessage().startsWith(images + " is truncated"), e.getMessage());
    }

    @Test
    void load_nothingAnywhereAndOffline_throwsMissingDatasetWithInstructions() {
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> FashionMnist.loader().locator(offline()).load());

        assertTrue(e.getMessage().contains("Fashion-MNIST is not on this machine"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz  5148 bytes  sha256 "
                + "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    // ---------------------------------------------------------------- the real files (reference copies)

    @Test
    void fashionMnist_load_matchesTheSourceNotes() {
        Path dir = referenceData("fashion-mnist");

        TrainTest<ImageData> data = FashionMnist.loader().locator(offline()).directory(dir).load();

        ImageData train = data.train();
        assertArrayEquals(new long[] {60000, 28, 28, 1}, train.x().shape());
        assertArrayEquals(new long[] {10000, 28, 28, 1}, data.test().x().shape());
        assertArrayEquals(new long[] {60000, 1}, train.y().shape());
        assertArrayEquals(new long[] {60000, 10}, train.yOneHot().shape());
        assertEquals("Ankle boot", FashionMnist.LABELS.get(train.label(0)));
        assertEquals(0f, data.test().x().minNumber().floatValue());
        assertEquals(1f, data.test().x().maxNumber().floatValue());
        INDArray perClass = train.yOneHot().sum(0);
        assertEquals(Nd4j.valueArrayOf(new long[] {10}, 6000f), perClass);
        assertEquals(Nd4j.valueArrayOf(new long[] {10}, 1000f), data.test().yOneHot().sum(0));
    }

    @Test
    void mnist_load_matchesTheSourceNotes() {
        Path dir = referenceData("mnist");

        TrainTest<ImageData> data = Mnist.loader().locator(offline()).directory(dir).rawPixels().load();

        ImageData train = data.train();
        assertEquals(DataType.UINT8, train.x().dataType());
        assertEquals(5, train.label(0));
        assertEquals(7, data.test().label(0));
        assertEquals(255, data.test().x().maxNumber().intValue());
        // SOURCE.md: train {0:5923, 1:6742, ...}, test {..., 9:1009}
        assertEquals(5923f, train.yOneHot().sum(0).getFloat(0));
        assertEquals(6742f, train.yOneHot().sum(0).getFloat(1));
        assertEquals(1009f, data.test().yOneHot().sum(0).getFloat(9));
    }

    @Test
    void mnist_loadFromAFashionMnistDirectory_saysWhichDatasetItFound() throws IOException {
        Path fashion = referenceData("fashion-mnist");
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        for (String name : List.of(MnistLoader.TRAIN_IMAGES, MnistLoader.TRAIN_LABELS, MnistLoader.TEST_IMAGES,
                MnistLoader.TEST_LABELS)) {
            Files.createSymbolicLink(dir.resolve(name), fashion.resolve(name));
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mnist.loader().locator(offline()).directory(dir).load());

        assertTrue(e.getMessage().contains("is not the official MNIST file"), e.getMessage());
        assertTrue(e.getMessage().contains("(it is Fashion-MNIST's train-images-idx3-ubyte.gz)"), e.getMessage());
    }
}
