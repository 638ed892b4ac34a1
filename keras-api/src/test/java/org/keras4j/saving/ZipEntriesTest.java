package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ZipEntriesTest {
    private static final ZipEntries ZIP = new ZipEntries("test file", "keras4j test file");

    @TempDir
    Path dir;

    private Path written() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("w.bin", ZipEntries.arrayBytes(Nd4j.linspace(1, 6, 6, DataType.FLOAT).reshape(2, 3)));
        Path file = dir.resolve("x.zip");
        ZIP.write(file, entries);
        return file;
    }

    private static byte[] read(Path file, String name) {
        try (ArchiveReader in = ZIP.open(file)) {
            return in.read(name, 1 << 20, "a test limit");
        }
    }

    @Test
    void write_thenRead_returnsEachEntry() {
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), read(written(), "a.json"));
    }

    @Test
    void readArray_returnsArrayWithShapeAndType() {
        Path file = written();
        INDArray w;
        try (ArchiveReader in = ZIP.open(file)) {
            w = in.readArray("w.bin", 6, "six values").toINDArray();
        }
        assertArrayEquals(new long[] {2, 3}, w.shape());
        assertEquals(DataType.FLOAT, w.dataType());
        assertEquals(6.0, w.getDouble(1, 2), 0.0);
    }

    @Test
    void read_missingEntry_saysWhichEntry() {
        Path file = written();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(file, "optimizer.bin"));
        assertTrue(e.getMessage().endsWith("is not a valid keras4j test file: it has no optimizer.bin"), e.getMessage());
    }

    @Test
    void read_missingFile_saysNoFileAtPath() {
        Path missing = dir.resolve("nope.zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZIP.open(missing));
        assertEquals("No test file at " + missing, e.getMessage());
    }

    @Test
    void read_fileCutAfterLastEntry_isCorrupt() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        // drop the central directory only: every entry is still readable as a stream
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZIP.open(file));
        assertTrue(e.getMessage().contains("not a valid keras4j test file: it is truncated"), e.getMessage());
    }

    @Test
    void read_nullPath_throws() {
        assertThrows(IllegalArgumentException.class, () -> ZIP.open(null));
    }

    @Test
    void constructor_blankKind_throws() {
        assertThrows(IllegalArgumentException.class, () -> new ZipEntries("model file", " "));
    }
}
