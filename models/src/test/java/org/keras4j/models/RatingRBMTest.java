package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.callbacks.History;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RatingRBMTest {
    private static RatingRBM compiled(int items, long seed) {
        Keras.setRandomSeed(seed);
        RatingRBM cf = RatingRBM.builder(items, 3, 4).build();
        cf.compile(new SGD(0.1));
        return cf;
    }

    @Test
    void unratedItems_neverInfluenceTheUpdate_theModelIsTheRbmOfTheRatedItems() {
        // every user rated items 0 and 2 of 4: the update must equal that of an RBM of items 0 and 2 alone
        INDArray ratings = Nd4j.createFromArray(new float[][] {{3, 0, 1, 0}, {2, 0, 2, 0}, {1, 0, 3, 0}});
        INDArray sub = Nd4j.createFromArray(new float[][] {{3, 1}, {2, 2}, {1, 3}});
        RatingRBM full = compiled(4, 41);
        Nd4j.getRandom().setSeed(5);
        full.setWeights(List.of(Nd4j.randn(DataType.FLOAT, 4, 3, 4), Nd4j.randn(DataType.FLOAT, 4).muli(0.1),
                Nd4j.randn(DataType.FLOAT, 4, 3).muli(0.1)));
        List<INDArray> before = full.getWeights();
        RatingRBM small = compiled(2, 42);
        INDArray rated = Nd4j.createFromArray(0L, 2L);
        small.setWeights(List.of(before.get(0).get(NDArrayIndex.indices(0, 2), NDArrayIndex.all(), NDArrayIndex.all()).dup(),
                before.get(1), before.get(2).get(NDArrayIndex.indices(0, 2), NDArrayIndex.all()).dup()));

        Nd4j.getRandom().setSeed(77);
        full.network().trainBatch(ratings, ratings, null);
        Nd4j.getRandom().setSeed(77);
        small.network().trainBatch(sub, sub, null);
        List<INDArray> after = full.getWeights();
        List<INDArray> expected = small.getWeights();
        for (int k = 0; k < 2; k++) {
            int item = (int) rated.getLong(k);
            assertTrue(after.get(0).get(NDArrayIndex.point(item), NDArrayIndex.all(), NDArrayIndex.all())
                    .equalsWithEps(expected.get(0).get(NDArrayIndex.point(k), NDArrayIndex.all(), NDArrayIndex.all()), 1e-6));
            assertTrue(after.get(2).getRow(item).equalsWithEps(expected.get(2).getRow(k), 1e-6));
        }
        assertTrue(after.get(1).equalsWithEps(expected.get(1), 1e-6), "hidden biases");
        for (int item : new int[] {1, 3}) {
            assertEquals(before.get(0).get(NDArrayIndex.point(item), NDArrayIndex.all(), NDArrayIndex.all()),
                    after.get(0).get(NDArrayIndex.point(item), NDArrayIndex.all(), NDArrayIndex.all()), "W of unrated item " + item);
            assertEquals(before.get(2).getRow(item), after.get(2).getRow(item), "visible bias of unrated item " + item);
        }
    }

    @Test
    void eachUsersMask_appliesInTheNegativePhaseToo() {
        INDArray ratings = Nd4j.createFromArray(new float[][] {{3, 2, 0}, {0, 1, 3}});
        RatingRBM cf = compiled(3, 43);
        cf.network().trainBatch(ratings, ratings, null);
        INDArray negative = cf.negativeSamples();
        for (int level = 0; level < 3; level++) {
            assertEquals(0.0, negative.getDouble(0, 2 * 3 + level), "user 0, item 2 is not rated");
            assertEquals(0.0, negative.getDouble(1, level), "user 1, item 0 is not rated");
        }
        // rated items get a distribution over the levels
        assertEquals(1.0, negative.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3)).sumNumber().doubleValue(), 1e-5);
    }

    /** Two taste groups: group A rates even items 3 and odd items 1, group B the reverse; 40% of the ratings observed. */
    private static INDArray[] tastes(long seed) {
        Random r = new Random(seed);
        int users = 80;
        int items = 20;
        float[][] train = new float[users][items];
        float[][] held = new float[users][items];
        for (int u = 0; u < users; u++) {
            boolean a = u % 2 == 0;
            for (int i = 0; i < items; i++) {
                float rating = (i % 2 == 0) == a ? 3 : 1;
                if (r.nextDouble() < 0.1) {
                    rating = 2;
                }
                double p = r.nextDouble();
                if (p < 0.4) {
                    train[u][i] = rating;
                } else if (p < 0.55) {
                    held[u][i] = rating;
                }
            }
        }
        return new INDArray[] {Nd4j.createFromArray(train), Nd4j.createFromArray(held)};
    }

    @Test
    void learnsTastes_beatsTheMeanRatingBaseline_andRecommendsUnratedItems() {
        INDArray[] data = tastes(3);
        INDArray train = data[0];
        INDArray held = data[1];
        Keras.setRandomSeed(44);
        RatingRBM cf = RatingRBM.builder(20, 3, 8).build();
        cf.compile(new SGD(0.1, 0.5));
        History h = cf.fit(train, FitOptions.defaults().epochs(60).batchSize(10).verbose(0).validationData(train, held));
        assertTrue(h.has("val_loss"));
        double rmse = cf.rmse(train, held);
        // val_loss: the held-out MSE of each validation batch, averaged over batches by users (exact for one batch)
        assertEquals(Math.sqrt(h.last("val_loss")), rmse, 0.02 * rmse, "val_loss is the held-out MSE");
        assertEquals(rmse * rmse, cf.evaluate(train, held, 80).get("loss"), 1e-6, "one batch: exactly the held-out MSE");
        // the baseline: every held-out rating predicted by the mean training rating
        double mean = train.sumNumber().doubleValue() / train.gt(0).castTo(DataType.FLOAT).sumNumber().doubleValue();
        double baseline = Math.sqrt(new MaskedRatingError().compute(held, Nd4j.valueArrayOf(held.shape(), mean, DataType.FLOAT)));
        assertTrue(rmse < 0.7 * baseline, "RBM RMSE " + rmse + " vs mean-rating baseline " + baseline);

        int[] top = cf.recommend(0, 3);
        assertEquals(3, top.length);
        for (int item : top) {
            assertEquals(0.0, train.getDouble(0, item), "recommends only unrated items");
            assertEquals(0, item % 2, "user 0 is in the group that likes even items, got " + item);
        }
    }

    @Test
    void errors_nameTheArgument() {
        RatingRBM cf = compiled(3, 45);
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> cf.predictRatings(Nd4j.createFromArray(new float[][] {{4, 0, 1}})));
        assertTrue(level.getMessage().contains("1..3"), level.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cf.predictRatings(Nd4j.ones(DataType.FLOAT, 2, 4)));
        assertThrows(IllegalStateException.class, () -> cf.recommend(0, 2));
        assertThrows(IllegalArgumentException.class, () -> RatingRBM.builder(3, 1, 2));
    }
    @Test
    void saveAndLoad_giveTheSamePredictionsRecommendationsAndCompileState(@TempDir Path dir) throws Exception {
        INDArray[] data = tastes(5);
        INDArray train = data[0];
        Keras.setRandomSeed(46);
        RatingRBM cf = RatingRBM.builder(20, 3, 8).name("restaurants").cdSteps(2).weightDecay(1e-3).build();
        cf.compile(new SGD(0.1, 0.5));
        cf.fit(train, FitOptions.defaults().epochs(5).batchSize(10).verbose(0));
        Path file = dir.resolve("cf.k4rbm");
        cf.save(file);
        RatingRBM back = RatingRBM.load(file);

        assertEquals("restaurants", back.name());
        assertEquals(List.of(20, 3, 8, 2), List.of(back.items(), back.levels(), back.hidden(), back.cdSteps()));
        assertEquals(1e-3, back.weightDecay());
        for (int i = 0; i < 3; i++) {
            assertEquals(cf.getWeights().get(i), back.getWeights().get(i), "weights[" + i + "]");
        }
        assertEquals(cf.predictRatings(train), back.predictRatings(train));
        for (int user = 0; user < 10; user++) {
            INDArray row = train.getRow(user);
            assertEquals(Arrays.toString(cf.recommend(row, 5)), Arrays.toString(back.recommend(row, 5)), "user " + user);
        }
        assertEquals(0.5, ((SGD) back.optimizer()).momentum());
        assertEquals(cf.network().iterationCount(), back.network().iterationCount());
        assertEquals(cf.network().optimizerState(), back.network().optimizerState());
        // the loaded model goes on training from where the saved one was: the same next step
        Nd4j.getRandom().setSeed(9);
        cf.network().trainBatch(train, train, null);
        Nd4j.getRandom().setSeed(9);
        back.network().trainBatch(train, train, null);
        assertEquals(cf.getWeights().get(0), back.getWeights().get(0));

        RatingRBM fresh = compiledOfSize(20, 8);
        fresh.loadWeights(file);
        assertEquals(RatingRBM.load(file).predictRatings(train), fresh.predictRatings(train));

        IllegalArgumentException notRbm = assertThrows(IllegalArgumentException.class, () -> RBM.load(file));
        assertTrue(notRbm.getMessage().contains("RatingRBM.load"), notRbm.getMessage());
        Path rbmFile = dir.resolve("rbm.k4rbm");
        RBM rbm = RBM.builder(4, 2).build();
        rbm.compile(new SGD(0.1));
        rbm.save(rbmFile);
        IllegalArgumentException notRating = assertThrows(IllegalArgumentException.class, () -> RatingRBM.load(rbmFile));
        assertTrue(notRating.getMessage().contains("RBM.load"), notRating.getMessage());
        IllegalArgumentException otherSize = assertThrows(IllegalArgumentException.class,
                () -> compiledOfSize(21, 8).loadWeights(file));
        assertTrue(otherSize.getMessage().contains("20 items"), otherSize.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.k4rbm");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> RatingRBM.load(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        assertThrows(IllegalStateException.class, () -> RatingRBM.builder(3, 3, 2).build().save(dir.resolve("x")));
    }

    private static RatingRBM compiledOfSize(int items, int hidden) {
        RatingRBM cf = RatingRBM.builder(items, 3, hidden).build();
        cf.compile(new SGD(0.1));
        return cf;
    }
}
