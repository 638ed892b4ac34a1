package org.keras4j.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.constraints.Constraints;
import org.keras4j.layers.LayerContract;
import org.keras4j.layers.Layers;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Embedding against Keras 3: shapes, parameter counts, the lookup written out, its gradient and its errors. */
class EmbeddingTest {

    /** embeddings[i][j] = 10 * i + j: every looked-up value tells its row and column. */
    private static INDArray numberedTable(int inputDim, int outputDim) {
        INDArray w = Nd4j.create(DataType.FLOAT, inputDim, outputDim);
        for (int i = 0; i < inputDim; i++) {
            for (int j = 0; j < outputDim; j++) {
                w.putScalar(i, j, 10 * i + j);
            }
        }
        return w;
    }

    @Test
    void embedding_matchesKerasShapesAndCounts() {
        // Keras: Embedding(1000, 64) on (10,) -> (None, 10, 64), 64,000 parameters
        LayerContract.check(() -> new Embedding(1000, 64), Shape.of(10), Shape.of(10, 64), 64_000);
        // any rank of indices: (2, 3) -> (2, 3, 4)
        LayerContract.check(() -> new Embedding(7, 4), Shape.of(2, 3), Shape.of(2, 3, 4), 28);
    }

    @Test
    void summary_countsInputDimTimesOutputDim() {
        Sequential model = new Sequential(new Input(10), new Embedding(1000, 64));
        String text = model.summaryText();
        assertTrue(text.contains("(None, 10, 64)") && text.contains("64,000"), text);
        assertEquals(64_000, model.countParams());
    }

    @Test
    void predict_looksUpTheRowOfEachIndex() {
        Sequential model = new Sequential(new Input(3), new Embedding(5, 2));
        model.compile("sgd", "mse");
        model.getLayer(0).setWeights(List.of(numberedTable(5, 2)));
        INDArray out = model.predict(Nd4j.createFromArray(new float[][] {{2, 0, 4}, {1, 1, 3}}));
        float[][][] expected = {
            {{20, 21}, {0, 1}, {40, 41}},
            {{10, 11}, {10, 11}, {30, 31}},
        };
        assertEquals(Nd4j.createFromArray(expected), out);
    }

    @Test
    void predict_onIndicesOfRankTwo_looksUpEachInKerasOrder() {
        Sequential model = new Sequential(new Input(2, 2), new Embedding(4, 3));
        model.compile("sgd", "mse");
        model.getLayer(0).setWeights(List.of(numberedTable(4, 3)));
        INDArray out = model.predict(Nd4j.createFromArray(new float[][][] {{{3, 1}, {0, 2}}}));
        assertArrayEquals(new long[] {1, 2, 2, 3}, out.shape());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int index = new int[][] {{3, 1}, {0, 2}}[a][b];
                for (int j = 0; j < 3; j++) {
                    assertEquals(10 * index + j, out.getDouble(0, a, b, j), 0.0);
                }
            }
        }
    }

    @Test
    void getWeights_isOneMatrixInputDimByOutputDim_drawnUniformlyInPlusMinus005() {
        Keras.setRandomSeed(3);
        Sequential model = new Sequential(new Input(4), new Embedding(50, 8));
        model.compile("sgd", "mse");
        List<INDArray> w = model.getLayer(0).getWeights();
        assertEquals(1, w.size());
        assertArrayEquals(new long[] {50, 8}, w.get(0).shape());
        assertTrue(w.get(0).maxNumber().doubleValue() <= 0.05 && w.get(0).minNumber().doubleValue() >= -0.05);
        assertTrue(w.get(0).maxNumber().doubleValue() > 0.04 && w.get(0).minNumber().doubleValue() < -0.04,
                "400 draws of U(-0.05, 0.05) reach beyond +-0.04");
    }

    @Test
    void fit_plainSgd_changesOnlyTheLookedUpRows_byTheHandComputedGradient() {
        Sequential model = new Sequential(new Input(2), new Embedding(6, 2), new Flatten(), new Dense(1).withUseBias(false));
        model.compile(new SGD(0.1), "mse");
        INDArray table = numberedTable(6, 2).muli(0.01);
        model.getLayer(0).setWeights(List.of(table.dup()));
        INDArray kernel = Nd4j.createFromArray(new float[][] {{1}, {2}, {3}, {4}});
        model.getLayer(2).setWeights(List.of(kernel));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 4}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0}});
        model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(1).verbose(0).shuffle(false));
        INDArray after = model.getLayer(0).getWeights().get(0);

        // prediction p = e1 . (1, 2) + e4 . (3, 4); mse gradient dL/dp = 2 (p - y)
        double p = (0.10 * 1 + 0.11 * 2) + (0.40 * 3 + 0.41 * 4);
        double g = 2 * p;
        double[][] expected = new double[6][2];
        for (int i = 0; i < 6; i++) {
            expected[i] = new double[] {table.getDouble(i, 0), table.getDouble(i, 1)};
        }
        expected[1] = new double[] {0.10 - 0.1 * g * 1, 0.11 - 0.1 * g * 2};
        expected[4] = new double[] {0.40 - 0.1 * g * 3, 0.41 - 0.1 * g * 4};
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[i][j], after.getDouble(i, j), 1e-5, "row " + i + " column " + j);
            }
        }
    }

    @Test
    void fit_repeatedIndex_sumsTheGradientOfEachOccurrence() {
        Sequential model = new Sequential(new Input(2), new Embedding(3, 1), new Flatten(), new Dense(1).withUseBias(false));
        model.compile(new SGD(0.5), "mse");
        model.getLayer(0).setWeights(List.of(Nd4j.createFromArray(new float[][] {{0}, {1}, {0}})));
        model.getLayer(2).setWeights(List.of(Nd4j.createFromArray(new float[][] {{1}, {1}})));
        model.fit(Nd4j.createFromArray(new float[][] {{1, 1}}), Nd4j.createFromArray(new float[][] {{0}}),
                FitOptions.defaults().epochs(1).batchSize(1).verbose(0));
        // p = 1 + 1 = 2; dL/de1 = 2 p * (1 + 1) = 8; e1 = 1 - 0.5 * 8
        assertEquals(-3.0, model.getLayer(0).getWeights().get(0).getDouble(1, 0), 1e-6);
        assertEquals(0.0, model.getLayer(0).getWeights().get(0).getDouble(0, 0), 0.0);
    }

    @Test
    void indexOutOfRange_throwsNamingTheLayerAndTheRange() {
        Sequential model = new Sequential(new Input(3), new Embedding(10, 2).withName("words"), new Flatten(), new Dense(1));
        model.compile("sgd", "mse");
        INDArray bad = Nd4j.createFromArray(new float[][] {{1, 10, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(bad));
        assertTrue(e.getMessage().contains("'words'") && e.getMessage().contains("[0, 9]") && e.getMessage().contains("10"),
                e.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> model.fit(
                Nd4j.createFromArray(new float[][] {{-1, 0, 0}}), Nd4j.zeros(DataType.FLOAT, 1, 1),
                FitOptions.defaults().epochs(1).verbose(0)));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.predict(Nd4j.createFromArray(new float[][] {{0, Float.NaN, 0}})));
    }

    @Test
    void computeMask_isOneWhereTheIndexIsNotZero() {
        INDArray mask = new Embedding(5, 2).withMaskZero(true).computeMask(Nd4j.createFromArray(new float[][] {{0, 3, 0, 1}}));
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 1, 0, 1}}), mask);
    }

    @Test
    void config_roundTripsKerasKeys() {
        Embedding e = new Embedding(100, 8).withMaskZero(true).withEmbeddingsInitializer("glorot_uniform")
                .withEmbeddingsConstraint(Constraints.nonNeg()).withName("emb");
        Map<String, Object> cfg = e.getConfig();
        assertEquals(100, cfg.get("input_dim"));
        assertEquals(8, cfg.get("output_dim"));
        assertEquals(true, cfg.get("mask_zero"));
        Embedding back = (Embedding) Layers.fromConfig("Embedding", cfg);
        assertEquals(cfg, back.getConfig());
        assertEquals("random_uniform", new Embedding(3, 2).embeddingsInitializer().identifier());
    }

    @Test
    void withArguments_returnCopies() {
        Embedding plain = new Embedding(4, 2);
        Embedding masked = plain.withMaskZero(true);
        assertFalse(plain.maskZero());
        assertTrue(masked.maskZero());
    }

    @Test
    void nonPositiveDims_throw() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 4));
        assertTrue(e.getMessage().contains("inputDim=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Embedding(4, -1));
    }

    @Test
    void constraint_projectsTheEmbeddingsAfterEachUpdate() {
        Sequential model = new Sequential(new Input(1), new Embedding(2, 2).withEmbeddingsConstraint(Constraints.nonNeg()),
                new Flatten(), new Dense(1));
        model.compile(new SGD(1.0), "mse");
        model.fit(Nd4j.createFromArray(new float[][] {{0}, {1}}), Nd4j.createFromArray(new float[][] {{50}, {-50}}),
                FitOptions.defaults().epochs(3).verbose(0));
        assertTrue(model.getLayer(0).getWeights().get(0).minNumber().doubleValue() >= 0);
    }
}
