package org.keras4j.callbacks;

import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.optimizers.Adam;
import org.keras4j.saving.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training process {@link BackupAndRestoreKillTest} starts and kills: a seeded MLP with
 * dropout (about 75k parameters, so a backup takes some milliseconds to write), trained
 * with {@link BackupAndRestore}. It prints markers ({@code @@ START e}, {@code @@ BATCH e b},
 * {@code @@ SAVING e}, {@code @@ SAVED e}, {@code @@ DONE}) and writes its final weights.
 *
 * <pre>{@code
 * java -cp <test classpath> org.keras4j.callbacks.BackupWorker <backupDir> <weightsOut> <epochs> <shuffle>
 * }</pre>
 */
public final class BackupWorker {
    static final int SAMPLES = 512;
    static final int FEATURES = 32;
    static final int HIDDEN = 256;

    private BackupWorker() {
    }

    public static void main(String[] args) {
        INDArray weights = train(Path.of(args[0]), Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]),
                BackupWorker::marker);
        AtomicFiles.write(Path.of(args[1]), out -> Nd4j.write(weights, new DataOutputStream(out)));
        marker("DONE");
    }

    /** Trains with a BackupAndRestore in {@code backupDir} (resuming from it) and returns the final weights. */
    static INDArray train(Path backupDir, int epochs, boolean shuffle, Consumer<String> markers) {
        Random r = new Random(1);
        float[][] xs = new float[SAMPLES][FEATURES];
        float[][] ys = new float[SAMPLES][1];
        for (int i = 0; i < SAMPLES; i++) {
            double sum = 0;
            for (int j = 0; j < FEATURES; j++) {
                xs[i][j] = (float) r.nextGaussian();
                sum += xs[i][j] * (j % 3 - 1);
            }
            ys[i][0] = (float) Math.tanh(sum / 8);
        }
        INDArray x = Nd4j.createFromArray(xs);
        INDArray y = Nd4j.createFromArray(ys);

        Keras.setRandomSeed(2024);
        Sequential model = new Sequential(new Input(FEATURES), new Dense(HIDDEN, "relu"), new Dropout(0.2),
                new Dense(HIDDEN, "relu"), new Dense(1));
        model.compile(new Adam(1e-3), "mse");

        BackupAndRestore backup = new BackupAndRestore(backupDir);
        int start = backup.initialEpoch();
        markers.accept("START " + start);
        int[] current = new int[1];
        LambdaCallback before = new LambdaCallback()
                .withOnEpochBegin((e, logs) -> current[0] = e)
                .withOnTrainBatchEnd((b, logs) -> markers.accept("BATCH " + current[0] + " " + b))
                .withOnEpochEnd((e, logs) -> markers.accept("SAVING " + e));
        LambdaCallback after = new LambdaCallback().withOnEpochEnd((e, logs) -> markers.accept("SAVED " + e));
        model.fit(x, y, FitOptions.defaults().epochs(epochs).batchSize(64).shuffle(shuffle).verbose(0).initialEpoch(start)
                .callbacks(before, backup, after));
        return model.network().params();
    }

    private static void marker(String text) {
        System.out.println("@@ " + text);
        System.out.flush();
    }
}
