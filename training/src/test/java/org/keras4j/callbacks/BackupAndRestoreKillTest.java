package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.keras4j.training.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fault test: a real training process ({@link BackupWorker}, a child JVM) is killed with
 * SIGKILL in the middle of an epoch and, separately, in the middle of writing its backup; each
 * time the backup on disk is complete and readable, and the run resumed with
 * {@link BackupAndRestore} ends with exactly the weights of an uninterrupted run.
 */
class BackupAndRestoreKillTest {
    private static final int EPOCHS = 6;
    // shuffle off until keras-api shuffles from ND4J's generator (training-requests R2)
    private static final boolean SHUFFLE = true;

    @TempDir
    Path dir;

    /** A running worker and the markers it printed so far. */
    private static final class Worker implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final List<String> lines = new ArrayList<>();

        Worker(Path backupDir, Path weightsOut) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx1g", BackupWorker.class.getName(),
                    backupDir.toString(), weightsOut.toString(), Integer.toString(EPOCHS), Boolean.toString(SHUFFLE));
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            pb.redirectErrorStream(true);
            process = pb.start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Reads output until a marker equal to {@code marker}; fails if the process ends first. */
        void await(String marker) throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("@@ ")) {
                    lines.add(line.substring(3));
                    if (line.substring(3).equals(marker)) {
                        return;
                    }
                }
            }
            fail("worker ended before '" + marker + "'; markers: " + lines);
        }

        /** SIGKILL (destroyForcibly on Unix), then wait for the process to be gone and read what it printed. */
        void kill() throws InterruptedException, IOException {
            // through the handle: Process.destroyForcibly would also close our end of its output pipe
            process.toHandle().destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "worker did not die");
            assertEquals(137, process.exitValue(), "not killed by SIGKILL");
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("@@ ")) {
                    lines.add(line.substring(3));
                }
            }
        }

        void finish() throws IOException, InterruptedException {
            await("DONE");
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static float[] weights(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return Nd4j.read(in).toFloatVector();
        }
    }

    private static List<Path> list(Path dir, Predicate<String> name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).toList();
        }
    }

    private static boolean isBackupTemp(String name) {
        return name.startsWith("." + BackupAndRestore.FILE_NAME + ".") && name.endsWith(".tmp");
    }

    @Test
    void sigkillMidEpochAndMidSave_thenResume_matchesTheUninterruptedRun() throws Exception {
        // the uninterrupted run, in this JVM: the same code, seed and single-threaded ND4J as the workers
        float[] reference = BackupWorker.train(dir.resolve("reference-backup"), EPOCHS, SHUFFLE, m -> { })
                .toFloatVector();

        Path backupDir = dir.resolve("backup");
        Path file = backupDir.resolve(BackupAndRestore.FILE_NAME);
        Path weights = dir.resolve("resumed.bin");

        // 1. killed in the middle of epoch 1 (epoch 0's backup is on disk)
        try (Worker w = new Worker(backupDir, weights)) {
            w.await("START 0");
            w.await("BATCH 1 0");
            w.kill();
            assertFalse(w.lines.contains("SAVING 1"), "the kill came after epoch 1 ended: " + w.lines);
        }
        assertEquals(1, TrainingCheckpoint.load(file).epoch());

        // 2. resumed, then killed while writing the backup at the end of the first resumed epoch: watch for the
        //    backup's temporary file and kill as soon as it exists (retried if the write won the race)
        boolean killedDuringWrite = false;
        int resumeAt = 1;
        for (int attempt = 0; attempt < 3 && !killedDuringWrite; attempt++) {
            try (Worker w = new Worker(backupDir, weights)) {
                w.await("START " + resumeAt);
                w.await("SAVING " + resumeAt);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline && list(backupDir, BackupAndRestoreKillTest::isBackupTemp).isEmpty()) {
                    Thread.onSpinWait();
                }
                w.kill();
                killedDuringWrite = !list(backupDir, BackupAndRestoreKillTest::isBackupTemp).isEmpty();
            }
            // the backup is always complete: the previous one if the write was cut, else the new one
            TrainingCheckpoint survived = TrainingCheckpoint.load(file);
            int expected = killedDuringWrite ? resumeAt : survived.epoch();
            assertEquals(expected, survived.epoch());
            assertTrue(survived.epoch() == resumeAt || survived.epoch() == resumeAt + 1, "epoch " + survived.epoch());
            assertEquals(survived.epoch(), survived.history().size());
            resumeAt = survived.epoch();
        }
        assertTrue(killedDuringWrite, "no kill landed while the backup was being written");

        // 3. resumed and run to the end; the cut temporary file is cleaned up
        try (Worker w = new Worker(backupDir, weights)) {
            w.await("START " + resumeAt);
            w.finish();
        }
        assertArrayEquals(reference, weights(weights));
        assertFalse(Files.exists(backupDir), "the backup and its stale temporary files are removed at the end");
    }
}
