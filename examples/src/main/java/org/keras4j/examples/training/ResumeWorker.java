package org.keras4j.examples.training;

import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.BackupAndRestore;
import org.keras4j.callbacks.LambdaCallback;
import org.keras4j.callbacks.ModelCheckpoint;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.optimizers.Adam;
import org.keras4j.saving.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training process that {@link CheckpointResumeExercise} starts, kills and restarts: a seeded
 * MLP (with dropout) on the noisy-sine data, a {@code ModelCheckpoint} per epoch and a
 * {@code BackupAndRestore}. It prints {@code @@ START e}, {@code @@ BATCH e b},
 * {@code @@ SAVED e} and {@code @@ DONE}, and writes its final weights to a file.
 *
 * <pre>{@code
 * java -cp <classpath> org.keras4j.examples.training.ResumeWorker <workDir> <weightsOut>
 * }</pre>
 */
public final class ResumeWorker {
    static final int EPOCHS = 8;

    private ResumeWorker() {
    }

    public static void main(String[] args) {
        INDArray weights = train(Path.of(args[0]), line -> {
            System.out.println("@@ " + line);
            System.out.flush();
        });
        AtomicFiles.write(Path.of(args[1]), out -> Nd4j.write(weights, new DataOutputStream(out)));
        System.out.println("@@ DONE");
        System.out.flush();
    }

    /** Trains (resuming from {@code workDir/backup} if a backup is there) and returns the final weights. */
    static INDArray train(Path workDir, Consumer<String> markers) {
        SyntheticData.Split data = SyntheticData.noisySine(256, 64, 0.1, 7);
        Keras.setRandomSeed(11);
        Sequential model = new Sequential(new Input(1), new Dense(64, "relu"), new Dropout(0.1), new Dense(64, "relu"),
                new Dense(1));
        model.compile(new Adam(0.005), "mse");
        BackupAndRestore backup = new BackupAndRestore(workDir.resolve("backup"));
        int start = backup.initialEpoch();
        markers.accept("START " + start);
        int[] epoch = new int[1];
        LambdaCallback progress = new LambdaCallback()
                .withOnEpochBegin((e, logs) -> epoch[0] = e)
                .withOnTrainBatchEnd((b, logs) -> markers.accept("BATCH " + epoch[0] + " " + b))
                .withOnEpochEnd((e, logs) -> markers.accept("SAVED " + e));
        // shuffle off until keras-api shuffles from ND4J's generator (training-requests R2)
        model.fit(data.x(), data.y(), FitOptions.defaults().epochs(EPOCHS).batchSize(8).shuffle(false).verbose(0)
                .validationData(data.xVal(), data.yVal()).initialEpoch(start)
                .callbacks(new ModelCheckpoint(workDir.resolve("epoch-{epoch:02d}.keras4j").toString()), backup,
                        progress));
        return model.network().params(); // the flat vector, compared element by element with the reference run
    }
}
