package org.keras4j.internal.dl4j.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.backend.Backend;
import org.keras4j.backend.JvmPath;
import org.keras4j.callbacks.History;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.losses.BinaryCrossentropy;
import org.keras4j.losses.CategoricalCrossentropy;
import org.keras4j.losses.SparseCategoricalCrossentropy;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.AdamW;
import org.keras4j.optimizers.RMSprop;
import org.keras4j.optimizers.SGD;
import org.keras4j.optimizers.schedules.LearningRateSchedule;
import org.keras4j.regularizers.Regularizers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * {@link JvmDenseNetwork} trains and predicts as DL4J does: the same model, seed and data, once
 * with the JVM path off ({@code keras4j.jvm.maxMultiplyAdds=0}) and once on.
 */
class JvmDenseNetworkTest {

    @AfterEach
    void clearLimit() {
        System.clearProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    /** The same model compiled with the JVM path off, then on; both start from the same weights. */
    private record Pair(Sequential dl4j, Sequential jvm) {
    }

    private static Pair compileBoth(Supplier<Sequential> build) {
        Keras.setRandomSeed(11);
        System.setProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY, "0");
        Sequential dl4j = build.get();
        System.clearProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY);
        Keras.setRandomSeed(11);
        Sequential jvm = build.get();
        assertNotNull(JvmDenseNetwork.of(network(jvm)), "the model must be one the JVM path takes");
        assertEquals(dl4j.getWeights(), jvm.getWeights());
        return new Pair(dl4j, jvm);
    }

    private static MultiLayerNetwork network(Sequential model) {
        return (MultiLayerNetwork) model.network().unwrap();
    }

    private static INDArray features(int rows, int cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5).muli(4);
    }

    private static INDArray classes(INDArray x, int k) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, x.rows(), k);
        for (int i = 0; i < x.rows(); i++) {
            y.putScalar(i, Math.floorMod((int) Math.floor(x.getDouble(i, 0) + 2 * x.getDouble(i, 1)), k), 1.0);
        }
        return y;
    }

    /** Fits both, then compares history, weights, optimizer state, iteration count and predictions. */
    private static void assertSameTraining(Pair p, INDArray x, INDArray y, FitOptions options) {
        assertTrue(matrixProducts(() -> p.dl4j().fit(x, y, options)) > 0, "the reference runs DL4J");
        History a = p.dl4j().history();
        assertEquals(0, matrixProducts(() -> p.jvm().fit(x, y, options)), "the JVM path dispatches no matrix product");
        History b = p.jvm().history();
        for (Map.Entry<String, List<Double>> e : a.history().entrySet()) {
            List<Double> other = b.get(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                double expected = e.getValue().get(i);
                assertEquals(expected, other.get(i), 2e-5 * Math.max(1, Math.abs(expected)), e.getKey() + " epoch " + i);
            }
        }
        assertClose(p.dl4j().network().params(), p.jvm().network().params(), 2e-5, "weights");
        assertClose(p.dl4j().network().optimizerState(), p.jvm().network().optimizerState(), 2e-5, "optimizer state");
        assertEquals(p.dl4j().network().iterationCount(), p.jvm().network().iterationCount());
        INDArray fresh = features(9, (int) x.size(1), 99);
        assertClose(p.dl4j().predict(fresh), p.jvm().predict(fresh), 2e-5, "predictions");
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(expected.length(), actual.length(), what);
        if (expected.isEmpty()) {
            return; // plain SGD keeps no state
        }
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertTrue(diff <= tolerance * scale, what + " differ by " + diff);
    }

    private static long operations(Runnable run) {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        run.run();
        long n = OpProfiler.getInstance().getInvocationsCount();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        return n;
    }

    private static long matrixProducts(Runnable run) {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        run.run();
        long n = OpProfiler.getInstance().getOpCounter().getCount("matmul")
                + OpProfiler.getInstance().getOpCounter().getCount("mmul");
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        return n;
    }

    @Test
    void tinyBinaryNetwork_withSgd_trainsAsDl4jDoes() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(1, "sigmoid"));
            m.compile(new SGD(0.5), "binary_crossentropy", "accuracy");
            return m;
        });
        INDArray x = features(40, 2, 1);
        INDArray y = classes(x, 2).getColumns(1);
        assertSameTraining(p, x, y, FitOptions.defaults().epochs(4).batchSize(4).shuffle(false).verbose(0));
    }

    @Test
    void tinyPredict_onTheJvm_givesDl4jsOutputs_inANewArrayEachCall() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(1, "sigmoid"));
            m.compile("sgd", "binary_crossentropy");
            return m;
        });
        INDArray a = features(4, 2, 3);
        INDArray b = features(4, 2, 4);
        INDArray[] out = new INDArray[2];
        assertEquals(0, operations(() -> {
            out[0] = p.jvm().predict(a);
            out[1] = p.jvm().predict(b);
        }), "no ND4J operation");
        assertNotSame(out[0], out[1]);
        assertArrayEquals(new long[] {4, 1}, out[0].shape());
        assertClose(p.dl4j().predict(a), out[0], 1e-6, "the first call's outputs, after a second call");
        assertClose(p.dl4j().predict(b), out[1], 1e-6, "the second call's outputs");
        out[0].addi(1); // the caller owns it: an operation on it leaves the next call alone
        assertClose(p.dl4j().predict(a), p.jvm().predict(a), 1e-6, "a third call");
    }

    @Test
    void softmaxClassifier_withAdam_andSmallerLastBatch_trainsAsDl4jDoes() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(4), new Dense(16, "relu"), new Dense(8, "relu"), new Dense(3, "softmax"));
            m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
            return m;
        });
        INDArray x = features(50, 4, 2);
        assertSameTraining(p, x, classes(x, 3), FitOptions.defaults().epochs(3).batchSize(8).shuffle(false).verbose(0));
    }

    @Test
    void regression_withRmspropAndSchedule_trainsAsDl4jDoes() {
        LearningRateSchedule halving = new LearningRateSchedule() {
            @Override
            public double learningRate(long step) {
                return 0.01 / (1 + step / 5);
            }

            @Override
            public String identifier() {
                return "Halving";
            }

            @Override
            public Map<String, Object> getConfig() {
                return Map.of();
            }
        };
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(3), new Dense(10, "sigmoid"), new Dense(2));
            m.compile(new RMSprop(0.01).withLearningRateSchedule(halving), "mse", "mae");
            return m;
        });
        INDArray x = features(30, 3, 3);
        INDArray y = x.getColumns(0, 1).mul(2).addi(x.getColumns(2, 2));
        assertSameTraining(p, x, y, FitOptions.defaults().epochs(3).batchSize(6).shuffle(false).verbose(0));
    }

    @Test
    void labelSmoothing_andLinearHiddenLayer_trainAsDl4jDoes() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(2), new Dense(5), new Dense(3, "tanh"), new Dense(1, "sigmoid"));
            m.compile(new SGD(0.1, 0.9), new BinaryCrossentropy(false, 0.2));
            return m;
        });
        INDArray x = features(24, 2, 4);
        assertSameTraining(p, x, classes(x, 2).getColumns(0), FitOptions.defaults().epochs(2).batchSize(4).shuffle(false).verbose(0));
    }

    /** Class indices {@code [rows, 1]}: the class of {@link #classes}. */
    private static INDArray indices(INDArray x, int k) {
        return classes(x, k).argMax(1).castTo(DataType.FLOAT).reshape(x.rows(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rmsprop", "rmsprop-centered-momentum", "sgd-momentum"})
    void courseClassifier_withKerasRmspropOrMomentum_trainsAsDl4jDoes_withNoNd4jOperationPerStep(String optimizer) {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(20), new Dense(16, "relu"), new Dense(3, "softmax"));
            m.compile(switch (optimizer) {
                case "rmsprop" -> new RMSprop(0.01);
                case "rmsprop-centered-momentum" -> new RMSprop(0.01, 0.8, 0.5, 1e-5, true);
                default -> new SGD(0.05, 0.9);
            }, "sparse_categorical_crossentropy", "accuracy");
            return m;
        });
        INDArray x = features(64, 20, 8);
        INDArray y = indices(x, 3);
        assertSameTraining(p, x, y, FitOptions.defaults().epochs(3).batchSize(16).shuffle(false).verbose(0));
        long oneEpoch = operations(() -> p.jvm().fit(x, y, FitOptions.defaults().epochs(1).batchSize(16).verbose(0)));
        long fourEpochs = operations(() -> p.jvm().fit(x, y, FitOptions.defaults().epochs(4).batchSize(16).verbose(0)));
        assertEquals(oneEpoch, fourEpochs, "ND4J operations do not grow with the steps: the update runs on the JVM");
    }

    @Test
    void courseClassifier_sparseLossAndAccuracy_trainsAsDl4jDoes() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(20), new Dense(64, "relu"), new Dense(3, "softmax"));
            m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
            return m;
        });
        INDArray x = features(100, 20, 6);
        assertSameTraining(p, x, indices(x, 3), FitOptions.defaults().epochs(3).batchSize(32).shuffle(false).verbose(0));
        assertTrue(p.jvm().history().history().containsKey("accuracy"));
        // once DL4J has made its updater (the first step), a step dispatches no ND4J operation at all: a fit's
        // operations (checking the labels, gathering shuffled rows) do not grow with its steps
        INDArray y = indices(x, 3);
        long oneEpoch = operations(() -> p.jvm().fit(x, y, FitOptions.defaults().epochs(1).batchSize(32).verbose(0)));
        long fourEpochs = operations(() -> p.jvm().fit(x, y, FitOptions.defaults().epochs(4).batchSize(32).verbose(0)));
        assertTrue(fourEpochs - oneEpoch <= 3 * 2, "ND4J operations: " + oneEpoch + " in 4 steps, " + fourEpochs
                + " in 16: at most the shuffle's gather of x and y per epoch");
    }

    @Test
    void shuffledFit_sameSeed_sameResultOnBothPaths() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(4), new Dense(12, "relu"), new Dense(3, "softmax"));
            m.compile(new Adam(0.01), "sparse_categorical_crossentropy", "sparse_categorical_accuracy");
            return m;
        });
        INDArray x = features(60, 4, 7);
        INDArray y = indices(x, 3);
        Keras.setRandomSeed(21); // fit seeds the shuffling from Keras's global sequence
        p.dl4j().fit(x, y, FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        Keras.setRandomSeed(21);
        assertEquals(0, matrixProducts(() -> p.jvm().fit(x, y, FitOptions.defaults().epochs(2).batchSize(16).verbose(0))));
        assertClose(p.dl4j().network().params(), p.jvm().network().params(), 2e-5, "weights after shuffled epochs");
        assertEquals(p.dl4j().history().get("sparse_categorical_accuracy"), p.jvm().history().get("sparse_categorical_accuracy"));
    }

    @Test
    void regression_withMaeLossAndMetrics_trainsAsDl4jDoes() {
        Pair p = compileBoth(() -> {
            Sequential m = new Sequential(new Input(3), new Dense(16, "relu"), new Dense(1));
            m.compile(new SGD(0.05, 0.9), "mae", "mse", "mae", "root_mean_squared_error");
            return m;
        });
        INDArray x = features(40, 3, 8);
        INDArray y = x.getColumns(0).mul(3).addi(x.getColumns(1)).reshape(40, 1);
        assertSameTraining(p, x, y, FitOptions.defaults().epochs(3).batchSize(8).shuffle(false).verbose(0));
    }

    @Test
    void logits_sparseCategoricalAndBinary_trainAsDl4jDoes() {
        Pair sparse = compileBoth(() -> {
            Sequential m = new Sequential(new Input(4), new Dense(10, "tanh"), new Dense(3));
            m.compile(new Adam(0.01), new SparseCategoricalCrossentropy(true), "sparse_categorical_accuracy");
            return m;
        });
        INDArray x = features(48, 4, 9);
        assertSameTraining(sparse, x, indices(x, 3), FitOptions.defaults().epochs(2).batchSize(12).shuffle(false).verbose(0));
        Pair categorical = compileBoth(() -> {
            Sequential m = new Sequential(new Input(4), new Dense(10, "relu"), new Dense(3));
            m.compile(new RMSprop(0.01), new CategoricalCrossentropy(true, 0.1), "categorical_accuracy");
            return m;
        });
        assertSameTraining(categorical, x, classes(x, 3), FitOptions.defaults().epochs(2).batchSize(12).shuffle(false)
                .verbose(0));
        Pair binary = compileBoth(() -> {
            Sequential m = new Sequential(new Input(4), new Dense(6, "sigmoid"), new Dense(1));
            m.compile(new SGD(0.1), new BinaryCrossentropy(true, 0.05), "binary_accuracy");
            return m;
        });
        assertSameTraining(binary, x, classes(x, 2).getColumns(0).reshape(48, 1),
                FitOptions.defaults().epochs(2).batchSize(12).shuffle(false).verbose(0));
    }

    @Test
    void sparseLabelsOutsideTheClasses_goToDl4j() {
        Keras.setRandomSeed(4);
        Sequential m = new Sequential(new Input(4), new Dense(8, "relu"), new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        m.fit(features(8, 4, 1), Nd4j.zeros(DataType.FLOAT, 8, 1), FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        JvmDenseNetwork jvm = JvmDenseNetwork.of(network(m));
        INDArray x = features(4, 4, 2);
        assertTrue(jvm.train(x, Nd4j.createFromArray(0f, 2f, 1f, 0f).reshape(4, 1)).isPresent());
        assertTrue(jvm.train(x, Nd4j.createFromArray(0f, 3f, 1f, 0f).reshape(4, 1)).isEmpty(), "class 3 of 3");
        assertTrue(jvm.train(x, Nd4j.createFromArray(0f, 0.5f, 1f, 0f).reshape(4, 1)).isEmpty(), "a fraction");
        assertTrue(jvm.train(x, Nd4j.zeros(DataType.FLOAT, 4, 3)).isEmpty(), "one-hot rows for a sparse loss");
    }

    @Test
    void batchesAboveTheLimit_andSampleWeights_runDl4j() {
        System.setProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY, "300"); // 33 parameters <= 300 / 8
        Keras.setRandomSeed(5);
        Sequential m = new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(1, "sigmoid")); // 24 per example
        m.compile("sgd", "binary_crossentropy");
        INDArray x = features(16, 2, 5);
        INDArray y = classes(x, 2).getColumns(1);
        assertEquals(0, matrixProducts(() -> m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0))));
        assertTrue(matrixProducts(() -> m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0))) > 0,
                "16 x 24 multiply-adds exceed the limit of 300");
        INDArray weights = Nd4j.ones(DataType.FLOAT, 16);
        assertTrue(matrixProducts(() -> m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(4).sampleWeight(weights)
                .shuffle(false).verbose(0))) > 0, "sample weights run DL4J");
        System.setProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY, "200");
        assertNull(JvmDenseNetwork.of(network(m)), "33 parameters exceed 200 / 8");
    }

    @Test
    void networksWithSettingsDl4jsStepHonours_areNotTaken() {
        Keras.setRandomSeed(1);
        List<Supplier<Sequential>> others = List.of(
                () -> new Sequential(new Input(2), new Dense(8, "relu"), new Dropout(0.5), new Dense(1, "sigmoid")),
                () -> new Sequential(new Input(2), new Dense(8, "relu").withKernelRegularizer(Regularizers.l2(0.01)),
                        new Dense(1, "sigmoid")),
                () -> new Sequential(new Input(2), new Dense(8, "elu"), new Dense(1, "sigmoid")));
        for (Supplier<Sequential> build : others) {
            Sequential m = build.get();
            m.compile("sgd", "binary_crossentropy");
            assertNull(JvmDenseNetwork.of(network(m)), m.layers().toString());
        }
        Sequential huber = new Sequential(new Input(2), new Dense(8, "relu"), new Dense(1));
        huber.compile(new SGD(), "huber");
        assertNull(JvmDenseNetwork.of(network(huber)), "a loss the JVM path does not compute");
        Sequential smoothed = new Sequential(new Input(2), new Dense(8, "relu"), new Dense(3, "softmax"));
        smoothed.compile(new SGD(), new CategoricalCrossentropy(false, 0.1));
        assertNull(JvmDenseNetwork.of(network(smoothed)), "label smoothing on probabilities");
        Sequential decay = new Sequential(new Input(2), new Dense(8, "relu"), new Dense(1, "sigmoid"));
        decay.compile(new AdamW(0.001, 0.004), "binary_crossentropy");
        assertNull(JvmDenseNetwork.of(network(decay)), "AdamW's weight decay is a DL4J regularization");
        Sequential clipped = new Sequential(new Input(2), new Dense(8, "relu"), new Dense(1, "sigmoid"));
        clipped.compile(new SGD(0.1).withClipnorm(1.0), "binary_crossentropy");
        assertNull(JvmDenseNetwork.of(network(clipped)), "clipnorm is DL4J's gradient normalization");
    }

    @Test
    void badLimit_failsAtCompile_namingTheProperty() {
        System.setProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY, "-3");
        Sequential m = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.compile("sgd", "binary_crossentropy"));
        assertTrue(e.getMessage().contains(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY) && e.getMessage().contains("-3"),
                e.getMessage());
        assertTrue(Backend.report().contains("small networks:     invalid setting"), Backend.report());
    }

    @Test
    void backendReport_saysWhatRunsOnTheJvm() {
        assertTrue(Backend.report().contains("131,072 multiply-adds per batch and 16,384 parameters"), Backend.report());
        System.setProperty(JvmPath.MAX_MULTIPLY_ADDS_PROPERTY, "0");
        assertTrue(Backend.report().contains("off (" + JvmPath.MAX_MULTIPLY_ADDS_PROPERTY + "=0)"), Backend.report());
    }
}
