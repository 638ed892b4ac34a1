package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keras4j.callbacks.Callback;
import org.keras4j.callbacks.History;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialTest {

    private static INDArray xorX() {
        return Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    }

    private static INDArray xorY() {
        return Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});
    }

    private static Sequential regression(int inputs) {
        return new Sequential(new Input(inputs), new Dense(8, "relu"), new Dense(1));
    }

    @Test
    void fit_beforeCompile_throwsIllegalState() {
        Sequential model = regression(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.fit(xorX(), xorY(), 1));
        assertTrue(e.getMessage().contains("compile()"), e.getMessage());
    }

    @Test
    void xor_isLearnedBySigmoidNetwork() {
        Keras.setRandomSeed(7);
        Sequential model = new Sequential(new Input(2), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "binary_crossentropy", "accuracy");
        model.fit(xorX(), xorY(), FitOptions.defaults().epochs(300).batchSize(4).verbose(0));
        INDArray p = model.predict(xorX());
        assertEquals(1.0, model.evaluate(xorX(), xorY()).get("accuracy"), 1e-9, p.toString());
    }

    @Test
    void historyLoss_isEpochMeanOfBatchLosses_notLastBatch() {
        Keras.setRandomSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 3);
        // batches with very different losses: the last 16 targets are far away
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 1);
        y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(48, 64), org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(10);
        Sequential model = regression(3);
        model.compile(new SGD(1e-12), "mse");
        double before = model.evaluate(x, y, 64).get("loss");
        History h = model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0));
        assertEquals(before, h.get("loss").get(0), 1e-4 * Math.max(1, before));
    }

    @Test
    void validationSplit_holdsOutTheLastFraction() {
        Keras.setRandomSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 100, 2);
        INDArray y = x.sum(true, 1);
        Sequential model = regression(2);
        model.compile("adam", "mse", "mae");
        History h = model.fit(x, y, FitOptions.defaults().epochs(2).validationSplit(0.2).verbose(0));
        assertEquals(List.of("loss", "mae", "val_loss", "val_mae"), new ArrayList<>(h.history().keySet()));
        INDArray lastRows = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(80, 100), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray lastY = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(80, 100), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(model.evaluate(lastRows, lastY).get("loss"), h.last("val_loss"), 1e-5);
    }

    @Test
    void sameSeed_givesSameWeightsAndSameCurve() {
        INDArray x = Nd4j.linspace(-1, 1, 200, DataType.FLOAT).reshape(100, 2);
        INDArray y = x.sum(true, 1);
        List<Double> curves = new ArrayList<>();
        INDArray[] weights = new INDArray[2];
        for (int run = 0; run < 2; run++) {
            Keras.setRandomSeed(11);
            Sequential model = new Sequential(new Input(2), new Dense(16, "relu"), new Dropout(0.3), new Dense(1));
            model.compile("adam", "mse");
            History h = model.fit(x, y, FitOptions.defaults().epochs(3).batchSize(10).verbose(0));
            curves.add(h.last("loss"));
            weights[run] = model.network().params();
        }
        assertEquals(curves.get(0), curves.get(1), 0.0);
        assertEquals(weights[0], weights[1]);
    }

    @Test
    void fit_wrongFeatureShape_namesLayerAndShapes() {
        Sequential model = regression(8);
        model.compile("adam", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.rand(DataType.FLOAT, 4, 9), Nd4j.rand(DataType.FLOAT, 4, 1), 1));
        assertTrue(e.getMessage().contains("dense") && e.getMessage().contains("(None, 8)") && e.getMessage().contains("[4, 9]"),
                e.getMessage());
    }

    @Test
    void fit_labelsWiderThanOutput_namesOutputLayer() {
        Sequential model = new Sequential(new Input(2), new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(xorX(), Nd4j.rand(DataType.FLOAT, 4, 4), 1));
        assertTrue(e.getMessage().contains("[4, 4]") && e.getMessage().contains("(None, 3)"), e.getMessage());
    }

    @Test
    void fit_nanInInputs_isRejected() {
        Sequential model = regression(2);
        model.compile("adam", "mse");
        INDArray x = xorX().dup();
        x.putScalar(1, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(x, xorY(), 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void fit_emptyData_isRejected() {
        Sequential model = regression(2);
        model.compile("adam", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.create(DataType.FLOAT, 0, 2), Nd4j.create(DataType.FLOAT, 0, 1), 1));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void compile_unknownOptimizer_listsValidNames() {
        Sequential model = regression(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("adamm", "mse"));
        assertTrue(e.getMessage().contains("Did you mean 'adam'") && e.getMessage().contains("sgd"), e.getMessage());
    }

    @Test
    void add_denseAfterUnflattenedImage_appliesToLastAxisAsKeras() {
        // Keras: dense (None, 28, 10) 290, the kernel shared by the 28 rows
        Sequential model = new Sequential(new Input(28, 28), new Dense(10));
        assertEquals(Shape.of(28, 10), model.outputShape());
        assertEquals(290, model.countParams());
    }

    @Test
    void layerNames_followKerasSnakeCaseNumbering() {
        Sequential model = new Sequential(new Input(4), new Dense(3), new Dense(2), new Dropout(0.1), new Dense(1));
        List<String> names = new ArrayList<>();
        model.layers().forEach(l -> names.add(l.name()));
        assertEquals(List.of("dense", "dense_1", "dropout", "dense_2"), names);
        assertEquals(3, ((Dense) model.getLayer("dense")).units());
    }

    @Test
    void summary_matchesKerasParameterCounts() {
        // Keras: Flatten 0, Dense(128) 100,480, Dropout 0, Dense(10) 1,290; total 101,770
        Sequential model = new Sequential(new Input(28, 28), new Flatten(), new Dense(128, "relu"), new Dropout(0.2),
                new Dense(10, "softmax"));
        String text = model.summaryText();
        assertTrue(text.contains("flatten (Flatten)") && text.contains("(None, 784)"), text);
        assertTrue(text.contains("100,480") && text.contains("1,290"), text);
        assertTrue(text.contains("Total params: 101,770 (397.54 KB)"), text);
        assertEquals(101_770, model.countParams());
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        assertEquals(101_770, model.network().numParams());
    }

    @Test
    void summary_longLayerNameAndType_areWrappedWhole() {
        Sequential model = new Sequential(new Input(8), new Dense(64),
                new BatchNormalization().withName("batch_normalization_of_the_hidden_layer"));
        String[] lines = model.summaryText().split("\n");
        // the name is folded at the column's 31 characters, the type wraps onto its own line
        assertTrue(List.of(lines).contains("│ batch_normalization_of_the_hidd │ (None, 64)             │           256 │"),
                String.join("\n", lines));
        assertTrue(List.of(lines).contains("│ en_layer (BatchNormalization)   │                        │               │"),
                String.join("\n", lines));
    }

    @Test
    void flattenedImages_trainAndPredictInKerasShapes() {
        Keras.setRandomSeed(1);
        Sequential model = new Sequential(new Input(4, 4), new Flatten(), new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 4, 4);
        INDArray y = Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1, 2, 0).castTo(DataType.FLOAT);
        model.fit(x, y, FitOptions.defaults().epochs(2).verbose(0));
        assertArrayEquals(new long[] {10, 3}, model.predict(x).shape());
    }

    @Test
    void callbacks_receiveKerasHooksAndCanStopTraining() {
        List<String> events = new ArrayList<>();
        Sequential model = regression(2);
        model.compile("sgd", "mse");
        Callback stopper = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                events.add("epoch" + epoch + ":" + logs.keySet());
                if (epoch == 1) {
                    model.setStopTraining(true);
                }
            }

            @Override
            public void onTrainEnd(Map<String, Double> logs) {
                events.add("end");
            }
        };
        History h = model.fit(xorX(), xorY(), FitOptions.defaults().epochs(10).verbose(0).callbacks(stopper));
        assertEquals(List.of("epoch0:[loss]", "epoch1:[loss]", "end"), events);
        assertEquals(2, h.size());
    }

    @Test
    void learningRate_changedBetweenEpochs_isApplied() {
        Keras.setRandomSeed(2);
        Sequential model = regression(2);
        model.compile(new SGD(0.1), "mse");
        INDArray before = model.network().params();
        model.optimizer().setLearningRate(1e-30);
        model.fit(xorX(), xorY(), FitOptions.defaults().epochs(1).verbose(0));
        INDArray after = model.network().params();
        assertTrue(before.equalsWithEps(after, 1e-12), "weights moved although the learning rate was ~0");
    }

    @Test
    void sampleWeightZero_samplesAreIgnored_andTrainMetricsSeeUnweightedOutputs() {
        Keras.setRandomSeed(8);
        INDArray half = Nd4j.rand(DataType.FLOAT, 32, 2);
        INDArray x = Nd4j.concat(0, half, half);
        INDArray y = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, 32, 1), Nd4j.zeros(DataType.FLOAT, 32, 1));
        INDArray w = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, 32), Nd4j.zeros(DataType.FLOAT, 32));
        Sequential model = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.1), "binary_crossentropy", "mse");
        History h = model.fit(x, y, FitOptions.defaults().epochs(30).batchSize(64).sampleWeight(w).verbose(0));
        INDArray p = model.predict(half);
        assertTrue(p.minNumber().doubleValue() > 0.8, p.toString()); // unweighted, the contradictory labels would pull it to 0.5
        // the training mse metric is unweighted: half the targets are 0 while outputs are ~1
        assertTrue(h.last("mse") > 0.4, "train mse " + h.last("mse"));
    }

    @Test
    void classWeight_missingClass_isNamed() {
        Sequential model = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(xorX(), xorY(), FitOptions.defaults().epochs(1).classWeight(Map.of(0, 1.0)).verbose(0)));
        assertTrue(e.getMessage().contains("class 1"), e.getMessage());
    }

    @Test
    void denseKernelConstraint_isAppliedAfterEachUpdate() {
        Keras.setRandomSeed(12);
        Sequential model = new Sequential(new Input(2),
                new Dense(1).withKernelConstraint(org.keras4j.constraints.Constraints.nonNeg()));
        model.compile(new SGD(0.5), "mse");
        // the target needs a negative weight on the first input: non_neg keeps it at 0
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 2);
        INDArray y = x.getColumn(0).mul(-2).reshape(64, 1);
        model.fit(x, y, FitOptions.defaults().epochs(5).verbose(0));
        INDArray w = model.network().params();
        assertTrue(w.getDouble(0) >= 0 && w.getDouble(1) >= 0, w.toString());
    }

    @Test
    void seedZero_isRepeatableToo() {
        INDArray[] weights = new INDArray[2];
        for (int run = 0; run < 2; run++) {
            Keras.setRandomSeed(0);
            Sequential model = regression(3);
            model.compile("adam", "mse");
            weights[run] = model.network().params();
        }
        assertEquals(weights[0], weights[1]);
    }

    @Test
    void history_isReachableFromTheModelDuringAndAfterFit() {
        Sequential model = regression(2);
        model.compile("sgd", "mse");
        History h = model.fit(xorX(), xorY(), FitOptions.defaults().epochs(2).verbose(0));
        assertTrue(model.history() == h);
    }

    @Test
    void callbackMovingTheInitialEpoch_skipsEarlierEpochs() {
        Sequential model = regression(2);
        model.compile("sgd", "mse");
        Callback resume = new Callback() {
            @Override
            public void onTrainBegin(Map<String, Double> logs) {
                model.setInitialEpoch(3);
            }
        };
        History h = model.fit(xorX(), xorY(), FitOptions.defaults().epochs(5).verbose(0).callbacks(resume));
        assertEquals(List.of(3, 4), h.epochs());
    }
}
