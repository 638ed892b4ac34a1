package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.optimizers.Adam;
import org.keras4j.training.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BackupAndRestoreTest {
    @TempDir
    Path dir;
    private final INDArray[] data = TinyModels.data(8);

    /** Built the same way in every "process": seed, architecture (with dropout: random masks), compile. */
    private static Sequential model() {
        Keras.setRandomSeed(31);
        Sequential m = new Sequential(new Input(3), new Dense(16, "tanh"), new Dropout(0.3), new Dense(1));
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    private FitOptions options(int initialEpoch, Callback... callbacks) {
        // shuffled: the checkpoint carries ND4J's generator, which draws the shuffling too
        return FitOptions.defaults().epochs(6).batchSize(16).verbose(0).initialEpoch(initialEpoch)
                .callbacks(callbacks);
    }

    /** Throws in the middle of epoch {@code epoch} (after its third batch), as a crash would. */
    private static Callback crashAt(int epoch) {
        int[] current = new int[1];
        return new LambdaCallback()
                .withOnEpochBegin((e, logs) -> current[0] = e)
                .withOnTrainBatchEnd((batch, logs) -> {
                    if (batch == 2 && current[0] == epoch) {
                        throw new IllegalStateException("simulated crash");
                    }
                });
    }

    @Test
    void resumeAfterACrash_endsWithTheUninterruptedRunsWeights() {
        Sequential reference = model();
        History full = reference.fit(data[0], data[1], options(0));

        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir);
        Sequential first = model();
        assertThrows(IllegalStateException.class, () -> first.fit(data[0], data[1], options(0, backup, crashAt(3))));
        assertEquals(3, TrainingCheckpoint.load(backup.file()).epoch());

        Sequential second = model(); // a fresh process would rebuild the model the same way
        BackupAndRestore again = new BackupAndRestore(backupDir);
        History resumed = second.fit(data[0], data[1], options(0, again));
        assertEquals(List.of(3, 4, 5), resumed.epochs());
        TinyModels.assertSameWeights(reference.network().params(), second.network().params());
        assertEquals(full.get("loss"), again.history().get("loss"));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), again.history().epochs());
    }

    @Test
    void completedFit_deletesTheBackup() {
        Path backupDir = dir.resolve("b");
        model().fit(data[0], data[1], options(0, new BackupAndRestore(backupDir)));
        assertFalse(Files.exists(backupDir));
    }

    @Test
    void deleteCheckpointOff_keepsTheLastEpochsBackup() {
        BackupAndRestore backup = new BackupAndRestore(dir).withDeleteCheckpoint(false);
        model().fit(data[0], data[1], options(0, backup));
        assertEquals(6, TrainingCheckpoint.load(backup.file()).epoch());
    }

    @Test
    void restoredFit_startsAtTheBackupsEpochByItself() {
        BackupAndRestore backup = new BackupAndRestore(dir);
        assertThrows(IllegalStateException.class, () -> model().fit(data[0], data[1], options(0, backup, crashAt(2))));
        History resumed = model().fit(data[0], data[1], options(0, new BackupAndRestore(dir)));
        assertEquals(java.util.List.of(2, 3, 4, 5), resumed.epochs());
    }

    @Test
    void saveFreqInBatches_backsUpMidEpochWithTheCurrentEpoch() {
        BackupAndRestore backup = new BackupAndRestore(dir).withSaveFreq(3);
        // 64 samples / 16: 4 batches per epoch; saves after global batches 3, 6, 9: the last in epoch 2 at batch 1
        assertThrows(IllegalStateException.class, () -> model().fit(data[0], data[1], options(0, backup, crashAt(2))));
        TrainingCheckpoint ckpt = TrainingCheckpoint.load(backup.file());
        assertEquals(2, ckpt.epoch());
        assertEquals(1, ckpt.batch());
        assertEquals(2, ckpt.history().size());
    }

    @Test
    void backupDirThatIsAFile_throws() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(file));
    }
}
