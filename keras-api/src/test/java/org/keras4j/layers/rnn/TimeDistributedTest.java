package org.keras4j.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** TimeDistributed against Keras 3: the inner layer's weights and counts, applied to every step. */
class TimeDistributedTest {

    @Test
    void timeDistributed_matchesKerasShapesAndCounts() {
        // Keras: TimeDistributed(Dense(8)) on (10, 16) -> (None, 10, 8), 136 parameters
        LayerContract.check(() -> new TimeDistributed(new Dense(8)), Shape.of(10, 16), Shape.of(10, 8), 136);
        // Keras: TimeDistributed(Conv2D(4, 3)) on (3, 6, 6, 1) -> (None, 3, 4, 4, 4), 40 parameters
        LayerContract.check(() -> new TimeDistributed(new Conv2D(4, 3)), Shape.of(3, 6, 6, 1), Shape.of(3, 4, 4, 4), 40);
        LayerContract.check(() -> new TimeDistributed(new Flatten()), Shape.of(3, 2, 2), Shape.of(3, 4), 0);
        LayerContract.check(() -> new TimeDistributed(new Dropout(0.5)), Shape.of(3, 2), Shape.of(3, 2), 0);
    }

    @Test
    void dense_predict_isTheStepTimesTheKernelPlusBias_atEveryStep() {
        Sequential model = new Sequential(new Input(3, 2), new TimeDistributed(new Dense(2, "relu")));
        model.compile("sgd", "mse");
        double[][] k = {{1, -2}, {0.5, 1}};
        double[] b = {0.1, -0.2};
        model.getLayer(0).setWeights(List.of(Nd4j.createFromArray(k).castTo(DataType.FLOAT),
                Nd4j.createFromArray(b).castTo(DataType.FLOAT)));
        double[][][] x = {{{1, 2}, {-1, 0}, {3, -4}}, {{0, 0}, {2, 2}, {0.5, 1}}};
        INDArray out = model.predict(Nd4j.createFromArray(x).castTo(DataType.FLOAT));
        assertArrayEquals(new long[] {2, 3, 2}, out.shape());
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 3; t++) {
                for (int j = 0; j < 2; j++) {
                    double z = x[n][t][0] * k[0][j] + x[n][t][1] * k[1][j] + b[j];
                    assertEquals(Math.max(0, z), out.getDouble(n, t, j), 1e-5, "sample " + n + " step " + t + " unit " + j);
                }
            }
        }
    }

    @Test
    void conv2D_predict_equalsTheConv2DAppliedToEachFrame() {
        Keras.setRandomSeed(5);
        Sequential frames = new Sequential(new Input(3, 6, 6, 2), new TimeDistributed(new Conv2D(4, 3, "relu")));
        frames.compile("sgd", "mse");
        Sequential single = new Sequential(new Input(6, 6, 2), new Conv2D(4, 3, "relu"));
        single.compile("sgd", "mse");
        single.setWeights(frames.getWeights());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6, 2).subi(0.5);
        INDArray out = frames.predict(x);
        assertArrayEquals(new long[] {2, 3, 4, 4, 4}, out.shape());
        for (int t = 0; t < 3; t++) {
            INDArray frame = x.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup();
            INDArray expected = single.predict(frame);
            INDArray actual = out.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            assertTrue(expected.equalsWithEps(actual, 1e-5), "frame " + t);
        }
    }

    @Test
    void conv2DThenFlattenThenLstm_trainsAsAVideoClassifier() {
        Keras.setRandomSeed(2);
        Sequential model = new Sequential(new Input(4, 5, 5, 1), new TimeDistributed(new Conv2D(2, 3, "relu")),
                new TimeDistributed(new Flatten()), new LSTM(3), new Dense(2, "softmax"));
        assertTrue(model.summaryText().contains("(None, 4, 18)"), model.summaryText());
        model.compile("adam", "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4, 5, 5, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 2);
        y.getColumn(0).assign(1);
        List<INDArray> before = model.getWeights();
        double loss = model.fit(x, y, org.keras4j.FitOptions.defaults().epochs(2).verbose(0)).history().get("loss").get(1);
        assertTrue(Double.isFinite(loss));
        assertTrue(!before.get(0).equals(model.getWeights().get(0)), "the Conv2D kernel inside TimeDistributed trains");
    }

    @Test
    void dense_inAFunctionalModel_equalsTheSequentialOne() {
        Keras.setRandomSeed(4);
        Sequential sequential = new Sequential(new Input(5, 3), new TimeDistributed(new Dense(4, "tanh")), new LSTM(2));
        sequential.compile("sgd", "mse");
        KerasTensor in = Keras.input(5, 3);
        KerasTensor out = new LSTM(2).apply(new TimeDistributed(new Dense(4, "tanh")).apply(in));
        Functional functional = new Functional(in, out);
        functional.compile("sgd", "mse");
        functional.setWeights(sequential.getWeights());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 5, 3);
        assertTrue(sequential.predict(x).equalsWithEps(functional.predict(x), 1e-5));
    }

    @Test
    void weightsAndSummary_areTheInnerLayers() {
        Dense inner = new Dense(3);
        Sequential model = new Sequential(new Input(7, 4), new TimeDistributed(inner));
        String text = model.summaryText();
        assertTrue(text.contains("time_distributed") && text.contains("(None, 7, 3)") && text.contains("15"), text);
        model.compile("sgd", "mse");
        List<INDArray> w = model.getLayer(0).getWeights();
        assertArrayEquals(new long[] {4, 3}, w.get(0).shape());
        assertArrayEquals(new long[] {3}, w.get(1).shape());
        assertEquals(w, inner.getWeights());
    }

    @Test
    void config_nestsTheLayersConfigAsKeras() {
        TimeDistributed td = new TimeDistributed(new Dense(8, "relu").withName("inner")).withName("td");
        Map<String, Object> cfg = td.getConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> layer = (Map<String, Object>) cfg.get("layer");
        assertEquals("Dense", layer.get("class_name"));
        TimeDistributed back = (TimeDistributed) Layers.fromConfig("TimeDistributed", cfg);
        assertEquals(cfg, back.getConfig());
        assertEquals(Shape.of(10, 8), back.computeOutputShape(Shape.of(10, 16)));
    }

    @Test
    void badInput_throwsNamingTheLayer() {
        assertThrows(IllegalArgumentException.class, () -> new TimeDistributed(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeDistributed(new Dense(2)).withName("td").computeOutputShape(Shape.of(5)));
        assertTrue(e.getMessage().contains("'td'") && e.getMessage().contains("rank >= 2"), e.getMessage());
    }
}
