package org.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.Callback;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    /** Records every hook with its step and its logs' keys. */
    private static final class Recorder implements Callback {
        final List<String> calls = new ArrayList<>();
        final List<Double> testEndLoss = new ArrayList<>();
        final List<Double> epochEndValLoss = new ArrayList<>();

        @Override
        public void onTrainBegin(Map<String, Double> logs) {
            calls.add("trainBegin");
        }

        @Override
        public void onTrainEnd(Map<String, Double> logs) {
            calls.add("trainEnd");
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            calls.add("epochBegin " + epoch);
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            calls.add("epochEnd " + epoch + " " + logs.keySet());
            epochEndValLoss.add(logs.get("val_loss"));
        }

        @Override
        public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
            calls.add("trainBatchBegin " + batch);
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            calls.add("trainBatchEnd " + batch);
        }

        @Override
        public void onTestBegin(Map<String, Double> logs) {
            calls.add("testBegin");
        }

        @Override
        public void onTestBatchBegin(int batch, Map<String, Double> logs) {
            calls.add("testBatchBegin " + batch);
        }

        @Override
        public void onTestBatchEnd(int batch, Map<String, Double> logs) {
            calls.add("testBatchEnd " + batch + " " + logs.keySet());
        }

        @Override
        public void onTestEnd(Map<String, Double> logs) {
            calls.add("testEnd " + logs.keySet());
            testEndLoss.add(logs.get("loss"));
        }
    }

    private static List<String> epoch(int epoch) {
        return List.of("epochBegin " + epoch,
                "trainBatchBegin 0", "trainBatchEnd 0", "trainBatchBegin 1", "trainBatchEnd 1",
                "testBegin",
                "testBatchBegin 0", "testBatchEnd 0 [loss, mae]", "testBatchBegin 1", "testBatchEnd 1 [loss, mae]",
                "testEnd [loss, mae]",
                "epochEnd " + epoch + " [loss, mae, val_loss, val_mae]");
    }

    @Test
    void fit_validation_runsEvaluatesTestHooksEachEpoch_asKerasFit() {
        Keras.setRandomSeed(2);
        Sequential model = new Sequential(new Input(3), new Dense(1));
        model.compile("sgd", "mse", "mae");
        Recorder recorder = new Recorder();
        // 4 training samples and 3 validation samples in batches of 2: two batches each
        model.fit(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 1), FitOptions.defaults().epochs(2)
                .batchSize(2).verbose(0)
                .validationData(Nd4j.rand(DataType.FLOAT, 3, 3), Nd4j.rand(DataType.FLOAT, 3, 1))
                .callbacks(recorder));
        List<String> expected = new ArrayList<>();
        expected.add("trainBegin");
        expected.addAll(epoch(0));
        expected.addAll(epoch(1));
        expected.add("trainEnd");
        assertEquals(expected, recorder.calls);
        // onTestEnd gets evaluate's own logs; fit reports them with the val_ prefix
        assertEquals(recorder.testEndLoss, recorder.epochEndValLoss);
    }

    @Test
    void fit_withoutValidation_firesNoTestHook() {
        Sequential model = new Sequential(new Input(3), new Dense(1));
        model.compile("sgd", "mse");
        Recorder recorder = new Recorder();
        model.fit(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 1),
                FitOptions.defaults().batchSize(4).verbose(0).callbacks(recorder));
        assertEquals(List.of("trainBegin", "epochBegin 0", "trainBatchBegin 0", "trainBatchEnd 0", "epochEnd 0 [loss]",
                "trainEnd"), recorder.calls);
    }
}
