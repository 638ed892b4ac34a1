package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.internal.dl4j.jvm.JvmDenseNetwork;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.rnn.LSTM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same seed gives the same training with and without keras4j's fast paths: each model is
 * trained twice from the same seed, once as compiled by default and once with
 * {@code keras4j.fastPaths=false} (DL4J's stock layers and updaters), and the per-epoch losses,
 * metrics and final weights must agree within float rounding; the layer classes show that the
 * switch changed the implementation.
 */
class FastPathsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(FastPaths.PROPERTY);
    }

    @Test
    void denseStackOnNd4jMatchesStockLayers() {
        // 32-64-32-10 at batch 32: above the JVM path's limit, so row-major dense and output layers, Adam on the JVM
        compare("dense", () -> new Sequential(new Input(32), new Dense(64, "relu"), new Dense(32, "relu"),
                new Dense(10, "softmax")), "adam", "categorical_crossentropy", features(256, 32), oneHot(256, 10), 32,
                "RowMajorDenseLayer", "DenseLayer");
    }

    @Test
    void smallNetworkOnTheJvmMatchesNd4j() {
        Supplier<Model> model = () -> new Sequential(new Input(20), new Dense(16, "relu"), new Dense(3, "softmax"));
        Run fast = train(model, "adam", "sparse_categorical_crossentropy", features(192, 20), indices(192, 3), 32, true);
        assertTrue(fast.onJvm, "the fast run takes the JVM path");
        Run stock = train(model, "adam", "sparse_categorical_crossentropy", features(192, 20), indices(192, 3), 32,
                false);
        assertFalse(stock.onJvm, "with fast paths off the network stays on ND4J");
        assertSame("jvm", fast, stock);
    }

    @Test
    void convolutionMatchesStockLayers() {
        compare("conv", () -> new Sequential(new Input(8, 8, 1), new Conv2D(4, 3, "relu").withPadding("same"),
                new MaxPooling2D(2), new Flatten(), new Dense(3, "softmax")), "adam", "categorical_crossentropy",
                features(96, 8, 8, 1), oneHot(96, 3), 16, "ForwardOnceConvolutionLayer", "ConvolutionLayer");
    }

    @Test
    void lstmMatchesStockLayer() {
        compare("lstm", () -> new Sequential(new Input(6, 4), new LSTM(8), new Dense(1)), "adam", "mse",
                features(96, 6, 4), features(96, 1), 16, "ColumnMajorLstm", "LSTM");
    }

    @Test
    void functionalGraphMatchesStockLayers() {
        Supplier<Model> graph = () -> {
            KerasTensor in = Keras.input("x", 12);
            KerasTensor hidden = new Dense(40, "tanh").apply(in);
            KerasTensor out = new Dense(4, "softmax").apply(new Dense(24, "relu").apply(hidden));
            return new Functional("graph", List.of(in), List.of(out));
        };
        compare("graph", graph, "adam", "categorical_crossentropy", features(256, 12), oneHot(256, 4), 64,
                "RowMajorDenseLayer", "DenseLayer");
    }

    @Test
    void rejectsAnythingButTrueOrFalse() {
        System.setProperty(FastPaths.PROPERTY, "sometimes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FastPaths::enabled);
        assertTrue(e.getMessage().contains(FastPaths.PROPERTY) && e.getMessage().contains("sometimes"),
                e.getMessage());
    }

    private static void compare(String what, Supplier<Model> model, String optimizer, String loss, INDArray x,
                                INDArray y, int batch, String fastLayer, String stockLayer) {
        Run fast = train(model, optimizer, loss, x, y, batch, true);
        Run stock = train(model, optimizer, loss, x, y, batch, false);
        assertTrue(fast.layers.contains(fastLayer), what + ": fast run's layers " + fast.layers);
        assertTrue(stock.layers.contains(stockLayer) && !stock.layers.contains(fastLayer),
                what + ": stock run's layers " + stock.layers);
        assertSame(what, fast, stock);
    }

    private static void assertSame(String what, Run fast, Run stock) {
        assertEquals(stock.history.keySet(), fast.history.keySet(), what + ": history keys");
        for (String key : stock.history.keySet()) {
            List<Double> a = fast.history.get(key);
            List<Double> b = stock.history.get(key);
            assertEquals(b.size(), a.size(), what + ": epochs of " + key);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(b.get(i), a.get(i), 1e-4 * Math.max(1, Math.abs(b.get(i))),
                        what + ": " + key + " of epoch " + (i + 1));
            }
        }
        assertEquals(stock.weights.size(), fast.weights.size(), what + ": weight arrays");
        for (int i = 0; i < stock.weights.size(); i++) {
            INDArray a = fast.weights.get(i);
            INDArray b = stock.weights.get(i);
            assertEquals(java.util.Arrays.toString(b.shape()), java.util.Arrays.toString(a.shape()), what + ": weight " + i);
            double diff = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(diff < 1e-4, what + ": weight " + i + " differs by " + diff);
        }
    }

    private record Run(Map<String, List<Double>> history, List<INDArray> weights, TreeSet<String> layers,
                       boolean onJvm) {
    }

    private static Run train(Supplier<Model> build, String optimizer, String loss, INDArray x, INDArray y, int batch,
                             boolean fastPaths) {
        System.setProperty(FastPaths.PROPERTY, String.valueOf(fastPaths));
        Keras.setRandomSeed(7);
        Model model = build.get();
        if (loss.startsWith("sparse") || loss.startsWith("categorical")) {
            model.compile(optimizer, loss, "accuracy");
        } else {
            model.compile(optimizer, loss);
        }
        History history = model.fit(x, y, FitOptions.defaults().epochs(3).batchSize(batch).verbose(0));
        List<INDArray> weights = new ArrayList<>();
        for (INDArray w : model.getWeights()) {
            weights.add(w.dup());
        }
        TreeSet<String> layers = new TreeSet<>();
        Object network = model.network().unwrap();
        Layer[] all = network instanceof MultiLayerNetwork n ? n.getLayers() : ((ComputationGraph) network).getLayers();
        for (Layer layer : all) {
            while (layer instanceof BaseWrapperLayer wrapper) {
                layer = wrapper.getUnderlying();
            }
            layers.add(layer.getClass().getSimpleName());
        }
        boolean onJvm = network instanceof MultiLayerNetwork n && JvmDenseNetwork.of(n) != null;
        return new Run(history.history(), weights, layers, onJvm);
    }

    private static INDArray features(long... shape) {
        Nd4j.getRandom().setSeed(shape[0] * 31 + shape.length);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    private static INDArray oneHot(int n, int k) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7 + i / 3) % k, 1f);
        }
        return y;
    }

    private static INDArray indices(int n, int k) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 1);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, 0, (i * 7 + i / 3) % k);
        }
        return y;
    }
}
