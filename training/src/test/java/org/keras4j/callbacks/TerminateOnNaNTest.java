package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TerminateOnNaNTest {
    private final INDArray[] data = TinyModels.data(6);

    /** Makes the logged loss of global batch {@code at} NaN. */
    private static Callback nanAt(int at, AtomicInteger batches) {
        return new LambdaCallback().withOnTrainBatchEnd((batch, logs) -> {
            if (batches.getAndIncrement() == at) {
                logs.put("loss", Double.NaN);
            }
        });
    }

    @Test
    void nanLoss_stopsAfterThatBatch_andStillEndsTraining() {
        Sequential model = TinyModels.regression(1);
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        // 4 batches per epoch: batch 5 is the second batch of epoch 1
        History h = model.fit(data[0], data[1], FitOptions.defaults().epochs(5).batchSize(16).verbose(0).callbacks(
                nanAt(5, batches), new TerminateOnNaN(), new LambdaCallback().withOnTrainEnd(l -> ended.incrementAndGet())));
        assertEquals(6, batches.get());
        assertEquals(2, h.size());
        assertEquals(1, ended.get());
    }

    @Test
    void raiseError_throwsAtOnce() {
        Sequential model = TinyModels.regression(1);
        AtomicInteger batches = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.fit(data[0], data[1],
                FitOptions.defaults().epochs(5).batchSize(16).verbose(0).callbacks(nanAt(2, batches), new TerminateOnNaN(true))));
        assertTrue(e.getMessage().startsWith("NaN or Inf loss encountered at batch 2"), e.getMessage());
        assertEquals(3, batches.get());
    }
}
