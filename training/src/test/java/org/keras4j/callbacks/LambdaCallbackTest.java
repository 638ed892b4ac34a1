package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LambdaCallbackTest {

    @Test
    void hooks_runInKerasOrderWithTheirIndices() {
        INDArray[] data = TinyModels.data(7);
        Sequential model = TinyModels.regression(1);
        List<String> events = new ArrayList<>();
        LambdaCallback cb = new LambdaCallback()
                .withOnTrainBegin(logs -> events.add("train_begin"))
                .withOnEpochBegin((e, logs) -> events.add("epoch_begin " + e))
                .withOnTrainBatchBegin((b, logs) -> events.add("batch_begin " + b))
                .withOnTrainBatchEnd((b, logs) -> events.add("batch_end " + b + (logs.containsKey("loss") ? " loss" : "")))
                .withOnEpochEnd((e, logs) -> events.add("epoch_end " + e))
                .withOnTrainEnd(logs -> events.add("train_end"));
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).batchSize(32).verbose(0).callbacks(cb));
        assertEquals(List.of("train_begin",
                "epoch_begin 0", "batch_begin 0", "batch_end 0 loss", "batch_begin 1", "batch_end 1 loss", "epoch_end 0",
                "epoch_begin 1", "batch_begin 0", "batch_end 0 loss", "batch_begin 1", "batch_end 1 loss", "epoch_end 1",
                "train_end"), events);
    }
}
