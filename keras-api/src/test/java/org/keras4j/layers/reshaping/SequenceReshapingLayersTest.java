package org.keras4j.layers.reshaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Functional;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** RepeatVector and Permute against Keras 3: shapes, values written out by hand, gradients. */
class SequenceReshapingLayersTest {

    @Test
    void repeatVector_matchesKeras() {
        LayerContract.check(() -> new RepeatVector(3), Shape.of(4), Shape.of(3, 4), 0);
    }

    @Test
    void permute_matchesKeras() {
        LayerContract.check(() -> new Permute(2, 1), Shape.of(10, 64), Shape.of(64, 10), 0);
        LayerContract.check(() -> new Permute(3, 1, 2), Shape.of(2, 3, 4), Shape.of(4, 2, 3), 0);
    }

    @Test
    void repeatVector_predict_repeatsTheVectorAtEachStep() {
        Sequential model = new Sequential(new Input(2), new RepeatVector(3));
        model.compile("sgd", "mse");
        INDArray out = model.predict(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
        INDArray expected = Nd4j.createFromArray(new float[][][] {{{1, 2}, {1, 2}, {1, 2}}, {{3, 4}, {3, 4}, {3, 4}}});
        assertEquals(expected, out);
    }

    @Test
    void permute21_predict_transposesEachSample() {
        Sequential model = new Sequential(new Input(2, 3), new Permute(2, 1));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.createFromArray(new float[][][] {{{1, 2, 3}, {4, 5, 6}}});
        assertEquals(Nd4j.createFromArray(new float[][][] {{{1, 4}, {2, 5}, {3, 6}}}), model.predict(x));
    }

    @Test
    void permute312_predict_movesEachValueToItsPermutedIndex() {
        Sequential model = new Sequential(new Input(2, 3, 4), new Permute(3, 1, 2));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.linspace(DataType.FLOAT, 0, 24, 1).reshape(1, 2, 3, 4);
        INDArray out = model.predict(x);
        assertArrayEquals(new long[] {1, 4, 2, 3}, out.shape());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 4; c++) {
                    // output[c, a, b] = input[a, b, c] = 12 a + 4 b + c
                    assertEquals(12 * a + 4 * b + c, out.getDouble(0, c, a, b), 0.0);
                }
            }
        }
    }

    @Test
    void permute_gradient_reachesTheLayerBefore_inTheRightPlaces() {
        // x (3, 2) -> Dense(2, no bias) per step -> h (3, 2) -> Permute(2, 1) -> (2, 3) -> Flatten -> Dense(1, no bias)
        Sequential model = new Sequential(new Input(3, 2), new Dense(2).withUseBias(false), new Permute(2, 1), new Flatten(),
                new Dense(1).withUseBias(false));
        model.compile(new SGD(0.01), "mse");
        double[][] k = {{1, -1}, {0.5, 2}};
        double[] v = {1, 2, 3, 4, 5, 6};
        double[][] x = {{1, 1}, {2, 0}, {0, 3}};
        model.getLayer(0).setWeights(List.of(Nd4j.createFromArray(k).castTo(DataType.FLOAT)));
        model.getLayer(3).setWeights(List.of(Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(6, 1)));
        INDArray xs = Nd4j.createFromArray(x).castTo(DataType.FLOAT).reshape(1, 3, 2);
        model.fit(xs, Nd4j.zeros(DataType.FLOAT, 1, 1), FitOptions.defaults().epochs(1).batchSize(1).verbose(0));
        // h[t][j] = sum_i x[t][i] k[i][j]; the permuted, flattened value h[t][j] sits at index j * 3 + t
        double p = 0;
        for (int t = 0; t < 3; t++) {
            for (int j = 0; j < 2; j++) {
                p += v[j * 3 + t] * (x[t][0] * k[0][j] + x[t][1] * k[1][j]);
            }
        }
        INDArray k1 = model.getLayer(0).getWeights().get(0);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double grad = 0;
                for (int t = 0; t < 3; t++) {
                    grad += 2 * p * v[j * 3 + t] * x[t][i];
                }
                assertEquals(k[i][j] - 0.01 * grad, k1.getDouble(i, j), 1e-3, "kernel [" + i + ", " + j + "]");
            }
        }
    }

    @Test
    void repeatVectorAndPermute_workInAFunctionalModel() {
        KerasTensor in = Keras.input(3);
        KerasTensor out = new Permute(2, 1).apply(new RepeatVector(2).apply(in));
        Functional model = new Functional(in, out);
        model.compile("sgd", "mse");
        INDArray y = model.predict(Nd4j.createFromArray(new float[][] {{1, 2, 3}}));
        assertEquals(Nd4j.createFromArray(new float[][][] {{{1, 1}, {2, 2}, {3, 3}}}), y);
    }

    @Test
    void badArguments_throwNamingTheLayer() {
        assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
        IllegalArgumentException notPermutation = assertThrows(IllegalArgumentException.class, () -> new Permute(1, 1));
        assertTrue(notPermutation.getMessage().contains("permutation"), notPermutation.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Permute(0, 1));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new Permute(2, 1).computeOutputShape(Shape.of(2, 3, 4)));
        assertTrue(rank.getMessage().contains("Permute") && rank.getMessage().contains("rank 2"), rank.getMessage());
        IllegalArgumentException notVector = assertThrows(IllegalArgumentException.class,
                () -> new RepeatVector(2).computeOutputShape(Shape.of(2, 3)));
        assertTrue(notVector.getMessage().contains("RepeatVector"), notVector.getMessage());
    }

    @Test
    void configs_roundTripKerasKeys() {
        assertArrayEquals(new int[] {2, 1}, ((Permute) Layers.fromConfig("Permute", Map.of("dims", List.of(2, 1)))).dims());
        assertEquals(4, ((RepeatVector) Layers.fromConfig("RepeatVector", Map.of("n", 4))).n());
    }
}
