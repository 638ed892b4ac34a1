package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Path tmp(String name, boolean old) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "partial write of a killed process");
        if (old) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(AtomicFiles.GRACE).minusSeconds(60)));
        }
        return p;
    }

    @Test
    void saveAndLoad_removeOnlyAbandonedTemporaryFilesOfTheSameTarget() throws IOException {
        Path target = dir.resolve("model.keras4j");
        Path abandoned = tmp(".model.keras4j.8150342.tmp", true);
        Path abandonedToo = tmp(".model.keras4j.77.tmp", true);
        Path fresh = tmp(".model.keras4j.123.tmp", false);          // may be a live writer between create and lock
        Path otherTarget = tmp(".model.keras4j.bak.4.tmp", true);   // belongs to "model.keras4j.bak"
        Path notOurs = tmp(".model.keras4j.x1.tmp", true);
        Path locked = tmp(".model.keras4j.99.tmp", true);
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile("sgd", "mse");
        try (FileChannel channel = FileChannel.open(locked, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            model.save(target);
            assertFalse(Files.exists(abandoned));
            assertFalse(Files.exists(abandonedToo));
            assertTrue(Files.exists(fresh));
            assertTrue(Files.exists(otherTarget));
            assertTrue(Files.exists(notOurs));
            assertTrue(Files.exists(locked), "a live writer's file is kept");
        }
        Path leftByKill = tmp(".model.keras4j.5.tmp", true);
        Sequential.load(target);
        assertFalse(Files.exists(leftByKill), "load cleans up too");
        assertFalse(Files.exists(locked), "unlocked and old: abandoned");
        assertTrue(Files.exists(fresh));
    }

    @Test
    void removeStaleTemporaryFiles_withoutGrace_keepsOnlyLockedFiles() throws IOException {
        Path target = dir.resolve("latest.ckpt");
        tmp(".latest.ckpt.1.tmp", false);
        assertEquals(1, AtomicFiles.removeStaleTemporaryFiles(target, java.time.Duration.ZERO));
        assertEquals(0, AtomicFiles.removeStaleTemporaryFiles(dir.resolve("missing-dir/x"), java.time.Duration.ZERO));
    }
}
