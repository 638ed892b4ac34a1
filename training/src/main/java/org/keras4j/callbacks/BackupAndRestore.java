package org.keras4j.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.saving.AtomicFiles;
import org.keras4j.training.Histories;
import org.keras4j.training.TrainingCheckpoint;

/**
 * Backs up the training state so that a {@code fit} interrupted by a crash, a kill or a
 * preemption can be resumed, as Keras's {@code BackupAndRestore}. At the end of every epoch (or
 * every {@code saveFreq} batches) it writes one {@link TrainingCheckpoint} — model, optimizer
 * state, step count, learning rate, epoch, ND4J's random state and the History so far — to
 * {@code backupDir/latest.ckpt}, atomically, so the file is never truncated whenever the
 * process dies. When training starts and a backup exists, it restores that state; when training
 * completes, it deletes the backup (unless {@code deleteCheckpoint} is off).
 *
 * <p>Resumed from an epoch-end backup, a run with the same data and seed ends with the same
 * weights as an uninterrupted one. With {@code saveFreq} in batches the interrupted epoch is
 * restarted from its mid-epoch weights, as in Keras, which is close but not identical.
 *
 * <p>After restoring, the callback makes {@code fit} start at the backup's epoch (as Keras's
 * {@code _initial_epoch}); {@link #history()} holds the epochs of the interrupted runs followed
 * by the current one.
 *
 * <pre>{@code
 * BackupAndRestore backup = new BackupAndRestore(Path.of("run/backup"));
 * Keras.setRandomSeed(42);
 * // same code after a crash: it continues from the last completed epoch
 * model.fit(x, y, FitOptions.defaults().epochs(20).callbacks(backup));
 * History whole = backup.history();
 * }</pre>
 */
public final class BackupAndRestore implements Callback {
    /** The backup's file name inside {@code backupDir}. */
    public static final String FILE_NAME = "latest.ckpt";

    private final Path backupDir;
    private final Path file;
    private int saveFreq; // 0: every epoch
    private boolean deleteCheckpoint = true;

    private Model model;
    private History history = new History();
    private TrainingCheckpoint restored;
    private int currentEpoch;
    private int batchesSinceLastSave;
    private int lastBatchSeen;

    /**
     * @param backupDir a directory used by this callback only (not shared with other runs or callbacks)
     * @throws IllegalArgumentException if {@code backupDir} is null or an existing regular file
     */
    public BackupAndRestore(Path backupDir) {
        if (backupDir == null || backupDir.toString().isEmpty()) {
            throw new IllegalArgumentException("Empty backupDir argument passed");
        }
        if (Files.isRegularFile(backupDir)) {
            throw new IllegalArgumentException("backupDir must be a directory, but " + backupDir + " is a file");
        }
        this.backupDir = backupDir;
        this.file = backupDir.resolve(FILE_NAME);
    }

    /**
     * Backs up every {@code batches} training batches instead of every epoch.
     *
     * @throws IllegalArgumentException if not positive
     */
    public BackupAndRestore withSaveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("saveFreq must be a positive number of batches, got " + batches);
        }
        this.saveFreq = batches;
        return this;
    }

    /** Deletes the backup when training completes; default on. */
    public BackupAndRestore withDeleteCheckpoint(boolean deleteCheckpoint) {
        this.deleteCheckpoint = deleteCheckpoint;
        return this;
    }

    public Path backupDir() {
        return backupDir;
    }

    /** The backup file, {@code backupDir/latest.ckpt}. */
    public Path file() {
        return file;
    }

    /**
     * The epoch {@code fit} must start at: the backup's epoch, or 0 without a backup.
     *
     * @throws IllegalArgumentException if the backup file exists but is not a valid checkpoint
     */
    public int initialEpoch() {
        return Files.exists(file) ? TrainingCheckpoint.load(file).epoch() : 0;
    }

    /** The epochs trained so far: those restored from the backup, then the current fit's. */
    public History history() {
        return Histories.copy(history);
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        removeStaleTemporaryFiles();
        restored = null;
        history = new History();
        batchesSinceLastSave = 0;
        lastBatchSeen = 0;
        if (Files.exists(file)) {
            restored = TrainingCheckpoint.load(file);
            restored.restoreInto(model);
            history = restored.history();
            model.setInitialEpoch(restored.epoch()); // fit resumes at the backup's epoch, as Keras's _initial_epoch
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq == 0) {
            return;
        }
        int added = batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen; // a new epoch restarts at 0
        batchesSinceLastSave += added;
        lastBatchSeen = batch;
        if (batchesSinceLastSave >= saveFreq) {
            batchesSinceLastSave = 0;
            TrainingCheckpoint.capture(model, currentEpoch, batch + 1, history).save(file);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        history.record(epoch, logs);
        currentEpoch = epoch + 1;
        lastBatchSeen = 0;
        if (saveFreq == 0) {
            TrainingCheckpoint.capture(model, epoch + 1, 0, history).save(file);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (!deleteCheckpoint) {
            return;
        }
        try {
            Files.deleteIfExists(file);
            removeStaleTemporaryFiles();
            if (Files.isDirectory(backupDir)) {
                try (DirectoryStream<Path> rest = Files.newDirectoryStream(backupDir)) {
                    if (!rest.iterator().hasNext()) {
                        Files.delete(backupDir);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the backup in " + backupDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Temporary files of saves interrupted by a crash. The directory is this callback's alone, so an unlocked one
     * cannot belong to a live write: no grace period.
     */
    private void removeStaleTemporaryFiles() {
        AtomicFiles.removeStaleTemporaryFiles(file, Duration.ZERO);
    }
}
