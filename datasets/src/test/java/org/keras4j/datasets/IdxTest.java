package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IdxTest {

    @TempDir
    Path dir;

    private static IdxArray images() {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);   // reaches 253: values above 127 must stay unsigned
        }
        return IdxArray.ofUnsignedBytes(pixels, 2, 3, 4);
    }

    @Test
    void writeThenRead_gzipped_roundTripsUnsignedBytes() throws IOException {
        Path file = dir.resolve("images-idx3-ubyte.gz");

        Idx.write(images(), file);
        IdxArray back = Idx.read(file);

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0x1f, bytes[0] & 0xff, "gzip magic");
        assertEquals(0x8b, bytes[1] & 0xff, "gzip magic");
        assertEquals(images(), back);
        assertArrayEquals(new int[] {2, 3, 4}, back.shape());
        assertEquals(IdxArray.Type.UNSIGNED_BYTE, back.type());
    }

    @Test
    void write_rawName_writesTheDocumentedHeaderUncompressed() throws IOException {
        Path file = dir.resolve("images-idx3-ubyte");

        Idx.write(images(), file);

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(4 + 3 * 4 + 24, bytes.length);
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4}, Arrays.copyOf(bytes, 16));
        assertEquals((byte) 253, bytes[16 + 23]);
        assertEquals(images(), Idx.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void toINDArray_unsignedBytes_giveUbyteValuesUpTo255() {
        INDArray x = images().toINDArray();

        assertEquals(DataType.UINT8, x.dataType());
        assertArrayEquals(new long[] {2, 3, 4}, x.shape());
        assertEquals(253, x.getInt(1, 2, 3));
        assertEquals(11, x.getInt(0, 0, 1));
    }

    @Test
    void writeThenRead_everyNumericType_roundTripsValuesAndType() {
        INDArray[] arrays = {
                Nd4j.createFromArray(new float[][] {{1.5f, -2f}, {3.25f, Float.MAX_VALUE}}),
                Nd4j.createFromArray(new double[] {Math.PI, -1e300}),
                Nd4j.createFromArray(new int[] {Integer.MIN_VALUE, 7, Integer.MAX_VALUE}),
                Nd4j.createFromArray(new short[] {Short.MIN_VALUE, 3, Short.MAX_VALUE}),
                Nd4j.createFromArray(new byte[] {-128, 0, 127}),
        };
        for (INDArray a : arrays) {
            Path file = dir.resolve(a.dataType() + ".idx.gz");
            Idx.write(IdxArray.of(a), file);

            INDArray back = Idx.read(file).toINDArray();

            assertEquals(a.dataType(), back.dataType());
            assertEquals(a, back, "round trip of " + a.dataType());
        }
    }

    @Test
    void of_ubyteArray_isWrittenAsUnsignedBytes() {
        INDArray ubyte = Nd4j.createFromArray(new byte[] {0, (byte) 200, (byte) 255}).castTo(DataType.UINT8);

        IdxArray idx = IdxArray.of(ubyte);

        assertEquals(IdxArray.Type.UNSIGNED_BYTE, idx.type());
        assertArrayEquals(new byte[] {0, (byte) 200, (byte) 255}, idx.bytes());
    }

    @Test
    void read_truncatedGzip_failsNamingTheFileAndTruncation() throws IOException {
        Path good = dir.resolve("good.gz");
        Idx.write(IdxArray.ofUnsignedBytes(new byte[5000], 50, 100), good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(cut));

        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void read_gzipMissingOnlyItsTrailer_failsAsTruncated() throws IOException {
        Path good = dir.resolve("good.gz");
        Idx.write(images(), good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("no-trailer.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 4));   // the values are complete, the length is not

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(cut));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void read_corruptGzip_failsAsCorrupt() throws IOException {
        Path good = dir.resolve("good.gz");
        byte[] random = new byte[4000];
        new java.util.Random(1).nextBytes(random);
        Idx.write(IdxArray.ofUnsignedBytes(random, 4000), good);
        byte[] bytes = Files.readAllBytes(good);
        for (int i = 100; i < 200; i++) {
            bytes[i] ^= 0x5a;
        }
        Path bad = dir.resolve("bad.gz");
        Files.write(bad, bytes);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(bad));

        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void read_rawFileShorterThanItsHeaderSays_failsWithBothSizes() throws IOException {
        Path file = dir.resolve("short-idx1-ubyte");
        Files.write(file, new byte[] {0, 0, 8, 1, 0, 0, 0, 10, 1, 2, 3});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(file));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("10 bytes of values") && e.getMessage().contains("only 3 bytes"),
                e.getMessage());
    }

    @Test
    void read_extraBytesAfterTheValues_fails() throws IOException {
        Path file = dir.resolve("long-idx1-ubyte");
        Files.write(file, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(file));

        assertTrue(e.getMessage().contains("1 bytes follow"), e.getMessage());
    }

    @Test
    void read_notIdx_failsShowingTheHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.read(new ByteArrayInputStream("hello world".getBytes()), "greeting.txt"));

        assertTrue(e.getMessage().startsWith("greeting.txt is not an IDX file"), e.getMessage());
        assertTrue(e.getMessage().contains("68 65 6c 6c"), e.getMessage());
    }

    @Test
    void read_missingFile_failsNamingIt() {
        Path missing = dir.resolve("nope.gz");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(missing));

        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    @Test
    void writeToStream_thenReadFromStream_roundTrips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Idx.write(images(), out);

        assertEquals(images(), Idx.read(new ByteArrayInputStream(out.toByteArray()), "memory"));
    }

    @Test
    void ofUnsignedBytes_wrongLength_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxArray.ofUnsignedBytes(new byte[5], 2, 3));

        assertEquals("shape [2, 3] holds 6 values, got 5", e.getMessage());
    }

    @Test
    void of_longArray_failsListingTheTypesIdxHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxArray.of(Nd4j.createFromArray(1L, 2L)));

        assertTrue(e.getMessage().contains("cannot hold LONG"), e.getMessage());
    }

    @Test
    void read_11ByteFileClaiming2Pow31Values_failsWithoutAllocatingThem() throws IOException {
        // 00 00 08 01: unsigned bytes, one dimension of 2^31 - 16 (the most a Java array holds), then 3 values
        byte[] hostile = {0, 0, 8, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3};
        Path raw = Files.write(dir.resolve("hostile-idx1-ubyte"), hostile);
        Path gzip = dir.resolve("hostile-idx1-ubyte.gz");
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(hostile);
        }
        for (Path file : new Path[] {raw, gzip}) {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(file));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertEquals(file + " is truncated: its header declares shape [2147483632] of UNSIGNED_BYTE (2147483632"
                    + " bytes of values) but only 3 bytes follow; delete it and get a fresh copy", e.getMessage());
            assertTrue(allocated < 8 << 20, "allocated " + allocated + " bytes for " + file);
        }
    }
}
