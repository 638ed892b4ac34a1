package org.keras4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Sequential;
import org.keras4j.callbacks.BackupAndRestore;
import org.keras4j.callbacks.History;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;

/**
 * Checkpoints with an extra entry of zeros that inflates to far more than the whole checkpoint: neither
 * {@code TrainingCheckpoint.load} nor BackupAndRestore's automatic restore inflates it (keras-api's
 * ModelArchiveHostileFileTest does the same at 10 GiB); mistyped state fails with one message.
 */
class TrainingCheckpointHostileFileTest {
    /** The extra entry: 256 MiB of zeros, 256 KB on disk; reading it would allocate at least that much heap. */
    private static final int EXTRA_MIB = 256;
    private static final long SMALL_HEAP = 64L << 20;

    @TempDir
    Path dir;

    private Sequential model;
    private Map<String, byte[]> entries;

    @BeforeEach
    void saveCheckpoint() throws IOException {
        model = new Sequential("m", new Input(3), new Dense(4, "relu"), new Dense(1));
        model.compile("adam", "mse");
        Path file = dir.resolve("plain.ckpt");
        TrainingCheckpoint.capture(model, 2, 0, new History()).save(file);
        entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
    }

    @Test
    void load_extraEntryOfZeros_isNeverInflated() throws IOException {
        Path hostile = withBomb(dir.resolve("hostile.ckpt"));
        TrainingCheckpoint loaded = cheaply(() -> TrainingCheckpoint.load(hostile));
        assertEquals(2, loaded.epoch());
        assertArrayEquals(model.network().params().toFloatVector(), loaded.model().network().params().toFloatVector());
    }

    @Test
    void backupAndRestore_restoringAHostileBackup_neverInflatesTheExtraEntry() throws IOException {
        BackupAndRestore backup = new BackupAndRestore(dir.resolve("run"));
        withBomb(backup.file());
        Sequential fresh = new Sequential("m", new Input(3), new Dense(4, "relu"), new Dense(1));
        fresh.compile("adam", "mse");
        backup.setModel(fresh);
        cheaply(() -> {
            backup.onTrainBegin(Map.of());
            return null;
        });
        assertArrayEquals(model.network().params().toFloatVector(), fresh.network().params().toFloatVector());
    }

    @Test
    void load_epochAsString_namesFileKeyExpectedAndFound() throws IOException {
        String state = new String(entries.get("checkpoint.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"epoch\"\\s*:\\s*2", "\"epoch\" : \"2\"");
        entries.put("checkpoint.json", state.getBytes(StandardCharsets.UTF_8));
        Path hostile = write(dir.resolve("mistyped.ckpt"), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.load(hostile));
        assertEquals(hostile + " is not a valid keras4j training checkpoint: checkpoint.json: 'epoch' must be an"
                + " integer, found string \"2\"", e.getMessage());
    }

    private Path withBomb(Path target) throws IOException {
        return write(target, EXTRA_MIB);
    }

    /** The checkpoint's entries, then {@code extraMib} MiB of zeros streamed through the deflater as "extra.bin". */
    private Path write(Path target, int extraMib) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            if (extraMib > 0) {
                zip.setLevel(Deflater.BEST_SPEED);
                zip.putNextEntry(new ZipEntry("extra.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < extraMib; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        }
        assertTrue(Files.size(target) < 4 << 20, "the fixture stays small on disk: " + Files.size(target));
        return target;
    }

    private static <T> T cheaply(Callable<T> load) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return assertTimeoutPreemptively(Duration.ofMillis(1000), () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            T result = load.call();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < SMALL_HEAP, "allocated " + allocated + " bytes");
            return result;
        });
    }
}
