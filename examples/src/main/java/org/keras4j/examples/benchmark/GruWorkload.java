package org.keras4j.examples.benchmark;

import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.GRU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * W8, a GRU classifier on W3's shapes: sequences of 50 steps x 64 features, {@code GRU(128)}
 * (Keras 3's defaults: {@code reset_after}, sigmoid gates), {@code Dense(10, softmax)}, Adam,
 * batch 64; seconds per epoch. DL4J 1.0.0-M2.1 has no GRU layer, so there is no hand-written
 * DL4J side: the comparison is with PyTorch's {@code nn.GRU}.
 *
 * <pre>{@code
 * GruWorkload w8 = new GruWorkload(10_000, 42);
 * double secondsPerEpoch = w8.trainKeras(GruWorkload.kerasGru());
 * }</pre>
 */
final class GruWorkload {
    final int samples;
    final INDArray x;
    final INDArray y;

    GruWorkload(int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("W8 samples must be positive, got " + samples);
        }
        this.samples = samples;
        Nd4j.getRandom().setSeed(seed);
        Random r = new Random(seed);
        x = Nd4j.rand(DataType.FLOAT, samples, LstmWorkload.STEPS, LstmWorkload.FEATURES);
        y = Nd4j.zeros(DataType.FLOAT, samples, 10);
        for (int i = 0; i < samples; i++) {
            y.putScalar(i, r.nextInt(10), 1f);
        }
    }

    static Sequential kerasGru() {
        Sequential model = new Sequential(new Input(LstmWorkload.STEPS, LstmWorkload.FEATURES),
                new GRU(LstmWorkload.UNITS), new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        return model;
    }

    /** One epoch through keras4j's fit. Seconds. */
    double trainKeras(Sequential model) {
        return Workloads.seconds(() -> model.fit(x, y, FitOptions.defaults().epochs(1)
                .batchSize(LstmWorkload.BATCH).verbose(0)));
    }

    void warmUp(Sequential model) {
        int n = Math.min(samples, 5 * LstmWorkload.BATCH);
        model.fit(Workloads.rows(x, 0, n), Workloads.rows(y, 0, n),
                FitOptions.defaults().epochs(1).batchSize(LstmWorkload.BATCH).verbose(0));
    }
}
